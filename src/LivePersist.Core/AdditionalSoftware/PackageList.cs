using System.Text;

namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// The additional software list (<c>live-additional-software.conf</c>): the packages installed again at
/// every unlock. Immutable; always sorted (ordinal, as Python's <c>sorted</c>) and without duplicates.
/// It is written as Tails writes it, one name a line without a trailing newline, and read whether the
/// last line has one or not; blank lines are ignored.
/// </summary>
public sealed class PackageList
{
    /// <summary>The largest list file that is read (Tails' lists are a few hundred bytes).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private readonly string[] _packages;

    private PackageList(string[] sortedUnique)
    {
        _packages = sortedUnique;
    }

    /// <summary>The empty list.</summary>
    public static PackageList Empty { get; } = new([]);

    /// <summary>The package names, sorted.</summary>
    public IReadOnlyList<string> Packages => _packages;

    /// <summary>Whether the list has no package.</summary>
    public bool IsEmpty => _packages.Length == 0;

    /// <summary>Makes a list of valid names (already normalised), in any order, duplicates allowed.</summary>
    /// <exception cref="ArgumentException">A name is not a valid package name.</exception>
    public static PackageList Of(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        string[] all = names.ToArray();
        foreach (string name in all)
        {
            if (!PackageName.IsValid(name))
            {
                throw new ArgumentException($"'{name}' is not a valid package name.", nameof(names));
            }
        }

        return new PackageList(all.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Reads a list file. Each non-blank line is normalised (<c>vim:amd64</c> is <c>vim</c>); a line that is
    /// not a package name is reported with its number and left out.
    /// </summary>
    public static PackageListParseResult Parse(ReadOnlySpan<byte> content)
    {
        string text = Encoding.UTF8.GetString(content);
        List<string> names = [];
        List<PackageListDiagnostic> diagnostics = [];
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (PackageName.TryNormalize(line, out string? name, out string? problem))
            {
                names.Add(name);
            }
            else
            {
                diagnostics.Add(new PackageListDiagnostic(lineNumber, line.Trim(), problem));
            }
        }

        return new PackageListParseResult(Of(names), diagnostics);
    }

    /// <summary>The file content: the names joined by newlines, without a trailing one (Tails' form); empty for an empty list.</summary>
    public byte[] Format() => Encoding.UTF8.GetBytes(string.Join('\n', _packages));

    /// <summary>Whether <paramref name="name"/> is in the list.</summary>
    public bool Contains(string name) => Array.BinarySearch(_packages, name, StringComparer.Ordinal) >= 0;

    /// <summary>The list with <paramref name="names"/> added; <paramref name="added"/> says which were not there yet.</summary>
    public PackageList With(IEnumerable<string> names, out IReadOnlyList<string> added)
    {
        PackageList other = Of(names);
        added = other._packages.Where(name => !Contains(name)).ToArray();
        return added.Count == 0 ? this : Of(_packages.Concat(added));
    }

    /// <summary>The list without <paramref name="names"/>; <paramref name="removed"/> says which were there.</summary>
    public PackageList Without(IEnumerable<string> names, out IReadOnlyList<string> removed)
    {
        PackageList other = Of(names);
        removed = other._packages.Where(Contains).ToArray();
        HashSet<string> gone = new(removed, StringComparer.Ordinal);
        return removed.Count == 0 ? this : new PackageList(_packages.Where(name => !gone.Contains(name)).ToArray());
    }
}

/// <summary>A list file as read: the valid names, and the lines left out.</summary>
/// <param name="List">The packages.</param>
/// <param name="Diagnostics">Each line that is not a package name.</param>
public sealed record PackageListParseResult(PackageList List, IReadOnlyList<PackageListDiagnostic> Diagnostics);

/// <summary>A line of the list file that is left out.</summary>
/// <param name="LineNumber">Its number, from 1.</param>
/// <param name="Text">The line, trimmed.</param>
/// <param name="Reason">Why it is not a package name.</param>
public sealed record PackageListDiagnostic(int LineNumber, string Text, string Reason);
