using System.Text;
using LivePersist.Core;

namespace LivePersist.Cli.Handlers;

/// <summary>
/// Reads the configure step's changes from lines of standard input (the grammar is in <see cref="Commands.SetupCommand.Grammar"/>):
/// <c>enable ID</c>, <c>disable ID</c>, <c>add DEST [--link] [--source REL]</c>, ended by <c>done</c> or the end
/// of the input. Every line is checked before anything changes.
/// </summary>
internal static class ConfigureScript
{
    private const string Usage = "enable ID, disable ID, add DEST [--link] [--source REL], or done";

    /// <summary>Reads lines from <paramref name="readLine"/> up to <c>done</c> or the end of the input.</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Usage"/> for a line that does not follow the grammar.</exception>
    public static IReadOnlyList<FeatureChange> Read(Func<string?> readLine)
    {
        List<FeatureChange> changes = [];
        int number = 0;
        while (readLine() is string raw)
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line == "done")
            {
                break;
            }

            changes.Add(Parse(line, number));
        }

        return changes;
    }

    /// <summary>Parses one line that is not empty, a comment or <c>done</c>.</summary>
    public static FeatureChange Parse(string line, int number)
    {
        List<string> words = Split(line, number);
        switch (words[0])
        {
            case "enable" or "disable":
                if (words.Count != 2)
                {
                    throw Error(number, $"'{words[0]}' takes one feature id (as 'live-persist features list' shows it)");
                }

                return new FeatureChange(words[0] == "enable" ? FeatureChangeKind.Enable : FeatureChangeKind.Disable, words[1], Line: number);

            case "add":
                return ParseAdd(words, number);

            default:
                throw Error(number, $"unknown command '{words[0]}'");
        }
    }

    private static FeatureChange ParseAdd(List<string> words, int number)
    {
        string? destination = null;
        string? source = null;
        bool link = false;
        for (int index = 1; index < words.Count; index++)
        {
            switch (words[index])
            {
                case "--link":
                    link = true;
                    break;
                case "--source" when index + 1 < words.Count:
                    source = words[++index];
                    break;
                case "--source":
                    throw Error(number, "--source needs a folder on the volume");
                case string word when word.StartsWith("--", StringComparison.Ordinal):
                    throw Error(number, $"unknown option '{word}' for add");
                case string word when destination is null:
                    destination = word;
                    break;
                default:
                    throw Error(number, "add takes one folder");
            }
        }

        if (destination is null || !destination.StartsWith('/'))
        {
            throw Error(number, "add needs the absolute path of a folder, e.g. add /home/amnesia/Documents");
        }

        return new FeatureChange(FeatureChangeKind.Add, destination, source, link, number);
    }

    // Words are separated by spaces or tabs; "double quotes" keep spaces inside a word (no escapes).
    private static List<string> Split(string line, int number)
    {
        List<string> words = [];
        StringBuilder word = new();
        bool inWord = false;
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (!quoted && c is ' ' or '\t')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quoted)
        {
            throw Error(number, "a double quote is not closed");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static PersistenceException Error(int number, string problem) =>
        new(ErrorKind.Usage, $"Configure, line {number}: {problem}. Each line is {Usage}; nothing was changed.");
}
