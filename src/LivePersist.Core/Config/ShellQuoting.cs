using System.Buffers;

namespace LivePersist.Core.Config;

/// <summary>Quotes a word exactly as Python's <c>shlex.quote</c> does, so our files match the ones Tails writes.</summary>
internal static class ShellQuoting
{
    private static readonly SearchValues<char> s_safe = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-");

    /// <summary>
    /// Returns <paramref name="word"/> unchanged if it only holds ASCII letters, digits and
    /// <c>_@%+=:,./-</c>; <c>''</c> if it is empty; otherwise the word in single quotes, each embedded
    /// single quote written as <c>'"'"'</c>.
    /// </summary>
    internal static string Quote(string word)
    {
        if (word.Length == 0)
        {
            return "''";
        }

        if (!word.AsSpan().ContainsAnyExcept(s_safe))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
    }
}
