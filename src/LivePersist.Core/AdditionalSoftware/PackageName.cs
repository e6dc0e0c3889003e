namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// Debian package names as the additional software list keeps them: what APT was asked for, stripped of
/// <c>/release</c>, <c>:architecture</c> and <c>=version</c> (Tails' <c>re.split("[/:=]")</c>), and valid
/// by Debian policy §5.6.1: lower case letters, digits, <c>+</c>, <c>-</c> and <c>.</c>, at least two
/// characters, starting with a letter or a digit.
/// </summary>
public static class PackageName
{
    /// <summary>Longer names are refused: no Debian package comes near, and the list stays small.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Normalises what a user or APT wrote (<c>vim</c>, <c>vim:amd64</c>, <c>vim=2:9.0</c>, <c>vim/bookworm</c>)
    /// to a package name, or says why it is not one.
    /// </summary>
    /// <param name="text">The name as given, possibly with surrounding white space.</param>
    /// <param name="name">The package name, when valid.</param>
    /// <param name="problem">Why it is not a package name, when invalid (a sentence fragment).</param>
    public static bool TryNormalize(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        int end = trimmed.AsSpan().IndexOfAny('/', ':', '=');
        string candidate = end < 0 ? trimmed : trimmed[..end];
        problem = Problem(candidate);
        name = problem is null ? candidate : null;
        return problem is null;
    }

    /// <summary>Whether <paramref name="name"/> is a valid package name as it is (nothing to strip).</summary>
    public static bool IsValid(string name) => name is not null && Problem(name) is null;

    private static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length < 2)
        {
            return "package names have at least two characters";
        }

        if (name.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (!char.IsAsciiLetterLower(name[0]) && !char.IsAsciiDigit(name[0]))
        {
            return "package names start with a lower case letter or a digit";
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('+' or '-' or '.'))
            {
                return char.IsAsciiLetterUpper(c)
                    ? "package names are lower case"
                    : "package names hold only lower case letters, digits, '+', '-' and '.'";
            }
        }

        return null;
    }
}
