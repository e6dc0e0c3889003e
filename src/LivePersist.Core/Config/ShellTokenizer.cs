using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace LivePersist.Core.Config;

/// <summary>
/// Splits one line into words the way Python's <c>shlex.split(line, comments=True)</c> does in POSIX
/// mode, which is how Tails' Persistent Storage reads <c>persistence.conf</c>.
/// </summary>
/// <remarks>
/// Rules: space, tab, CR and LF separate words; single quotes keep everything literally; inside double
/// quotes a backslash escapes only <c>"</c> and <c>\</c> (before anything else it stays); outside quotes
/// a backslash escapes the next character; adjacent quoted and unquoted parts form one word.
/// shlex also starts a comment at a <c>#</c> in the middle of a word (<c>a#b</c> reads as <c>a</c>),
/// while live-boot and a shell read it as part of the word. Rather than guess, such a line is refused.
/// </remarks>
internal static class ShellTokenizer
{
    private static readonly SearchValues<char> s_separators = SearchValues.Create(" \t\r\n");

    private enum State
    {
        BetweenWords,
        InWord,
        InSingleQuotes,
        InDoubleQuotes,
    }

    /// <summary>Splits <paramref name="line"/> into <paramref name="words"/>.</summary>
    /// <param name="line">One line, without its line terminator.</param>
    /// <param name="words">Receives the words, in order.</param>
    /// <param name="commentStart">The index of the <c>#</c> that starts a comment, or -1.</param>
    /// <param name="error">Why the line cannot be split.</param>
    internal static bool TryTokenize(string line, List<string> words, out int commentStart, [NotNullWhen(false)] out string? error)
    {
        commentStart = -1;
        error = null;
        int first = line.AsSpan().IndexOfAnyExcept(s_separators);
        if (first < 0 || line[first] == '#')
        {
            // Blank and comment lines, often most of a file, need no word buffer.
            commentStart = first;
            return true;
        }

        var word = new StringBuilder();
        State state = State.BetweenWords;
        for (int i = first; i < line.Length; i++)
        {
            char c = line[i];
            switch (state)
            {
                case State.InSingleQuotes:
                    if (c == '\'')
                    {
                        state = State.InWord;
                    }
                    else
                    {
                        word.Append(c);
                    }

                    break;

                case State.InDoubleQuotes:
                    if (c == '"')
                    {
                        state = State.InWord;
                    }
                    else if (c == '\\' && i + 1 < line.Length)
                    {
                        char escaped = line[++i];
                        if (escaped != '"' && escaped != '\\')
                        {
                            word.Append('\\');
                        }

                        word.Append(escaped);
                    }
                    else
                    {
                        // A backslash that ends the line leaves the quote open: reported below.
                        word.Append(c);
                    }

                    break;

                default:
                    if (IsSeparator(c))
                    {
                        if (state == State.InWord)
                        {
                            words.Add(word.ToString());
                            word.Clear();
                            state = State.BetweenWords;
                        }
                    }
                    else if (c == '#')
                    {
                        if (state == State.InWord)
                        {
                            error = "unquoted '#' inside a word is ambiguous: quote it, or put a space before a comment";
                            return false;
                        }

                        commentStart = i;
                        return true;
                    }
                    else if (c == '\'')
                    {
                        state = State.InSingleQuotes;
                    }
                    else if (c == '"')
                    {
                        state = State.InDoubleQuotes;
                    }
                    else if (c == '\\')
                    {
                        if (i + 1 == line.Length)
                        {
                            error = "the line ends with a backslash that escapes nothing";
                            return false;
                        }

                        word.Append(line[++i]);
                        state = State.InWord;
                    }
                    else
                    {
                        word.Append(c);
                        state = State.InWord;
                    }

                    break;
            }
        }

        switch (state)
        {
            case State.InSingleQuotes:
            case State.InDoubleQuotes:
                error = "unterminated quote";
                return false;
            case State.InWord:
                words.Add(word.ToString());
                break;
        }

        return true;
    }

    private static bool IsSeparator(char c) => s_separators.Contains(c);
}
