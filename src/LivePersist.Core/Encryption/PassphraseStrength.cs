using System.Buffers;
using System.Text;

namespace LivePersist.Core.Encryption;

/// <summary>
/// A small, dictionary-free passphrase strength estimator: character classes and length, with the usual
/// guessable patterns (repeats, sequences, keyboard rows, repeated blocks, years, the most common passwords and
/// their l33t spellings) counted as nearly free. It works on the UTF-8 bytes and never builds a string of the
/// passphrase; its scratch buffers are cleared before it returns.
/// </summary>
public static class PassphraseStrength
{
    /// <summary>Bits for the second and later letters of a run of letters: words are predictable.</summary>
    private const double WordLetterBits = 2.5;

    /// <summary>Bits for a whole common password or word (about log2 of a short top list).</summary>
    private const double CommonWordBits = 7.0;

    /// <summary>Bits for a four-digit year 1900–2099.</summary>
    private const double YearBits = 7.0;

    private const int ShortLength = 12;
    private const int StackRunes = 256;
    private const int MaximumBlock = 16;

    private static readonly string[] s_keyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "azertyuiop", "qwertzuiop"];

    private static readonly string[] s_commonWordsLongestFirst =
        [.. CommonPasswords.Words.OrderByDescending(word => word.Length).ThenBy(word => word, StringComparer.Ordinal)];

    /// <summary>Refuses an empty passphrase.</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Usage"/> when <paramref name="passphrase"/> is empty.</exception>
    public static void EnsureNotEmpty(ReadOnlySpan<byte> passphrase)
    {
        if (passphrase.IsEmpty)
        {
            throw new PersistenceException(
                ErrorKind.Usage, "The passphrase is empty. Type a passphrase, preferably 5 or more random words.");
        }
    }

    /// <summary>Estimates how hard <paramref name="utf8Passphrase"/> is to guess.</summary>
    public static PassphraseStrengthResult Estimate(ReadOnlySpan<byte> utf8Passphrase)
    {
        if (utf8Passphrase.IsEmpty)
        {
            return new PassphraseStrengthResult(0, "The passphrase is empty: type one, preferably 5 or more random words.", 0);
        }

        int[]? rented = null;
        Span<int> runes = utf8Passphrase.Length <= StackRunes
            ? stackalloc int[StackRunes]
            : (rented = ArrayPool<int>.Shared.Rent(utf8Passphrase.Length));
        int count = 0;
        try
        {
            ReadOnlySpan<byte> rest = utf8Passphrase;
            while (!rest.IsEmpty)
            {
                // An invalid byte still counts as one character from outside ASCII.
                OperationStatus status = Rune.DecodeFromUtf8(rest, out Rune rune, out int consumed);
                runes[count++] = status == OperationStatus.Done ? rune.Value : 0x110000 + rest[0];
                rest = rest[Math.Max(consumed, 1)..];
            }

            return Analyze(runes[..count]);
        }
        finally
        {
            runes[..count].Clear();
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    private static PassphraseStrengthResult Analyze(ReadOnlySpan<int> runes)
    {
        int length = runes.Length;
        double[] cost = ArrayPool<double>.Shared.Rent(length);
        bool[] covered = ArrayPool<bool>.Shared.Rent(length);
        int[] folded = ArrayPool<int>.Shared.Rent(length);
        int[] unleeted = ArrayPool<int>.Shared.Rent(length);
        try
        {
            double baseBits = Math.Log2(PoolSize(runes));
            for (int i = 0; i < length; i++)
            {
                folded[i] = FoldAscii(runes[i]);
                unleeted[i] = Unleet(folded[i]);
                covered[i] = false;
                cost[i] = IsLetter(runes[i]) && i > 0 && IsLetter(runes[i - 1]) ? Math.Min(baseBits, WordLetterBits) : baseBits;
            }

            bool hasPatterns = MarkPatterns(folded.AsSpan(0, length), cost.AsSpan(0, length));
            double bits = MarkCommonWords(folded.AsSpan(0, length), unleeted.AsSpan(0, length), covered.AsSpan(0, length), out bool anyCommon, out bool wholeIsCommon);
            bits += MarkYears(runes, covered.AsSpan(0, length));
            for (int i = 0; i < length; i++)
            {
                if (!covered[i])
                {
                    bits += cost[i];
                }
            }

            int score = bits switch
            {
                < 28 => 0,
                < 40 => 1,
                < 56 => 2,
                < 70 => 3,
                _ => 4,
            };
            if (wholeIsCommon)
            {
                score = 0;
            }

            return new PassphraseStrengthResult(score, Feedback(score, length, hasPatterns, anyCommon, wholeIsCommon), Math.Round(bits, 1));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(cost, clearArray: true);
            ArrayPool<bool>.Shared.Return(covered, clearArray: true);
            ArrayPool<int>.Shared.Return(folded, clearArray: true);
            ArrayPool<int>.Shared.Return(unleeted, clearArray: true);
        }
    }

    private static string Feedback(int score, int length, bool hasPatterns, bool anyCommon, bool wholeIsCommon)
    {
        if (wholeIsCommon)
        {
            return "This is one of the most common passwords and is guessed at once: use 5 or more random words instead.";
        }

        if (score == 4)
        {
            return "Very strong passphrase.";
        }

        if (score == 3)
        {
            return "Strong passphrase.";
        }

        if (length < ShortLength)
        {
            return "Too short: use 5 or more random words, or at least 12 mixed characters.";
        }

        if (hasPatterns)
        {
            return "Avoid repeated characters, sequences like abc or 1234 and keyboard patterns: add more random words.";
        }

        return anyCommon
            ? "Common passwords and words are tried first: add more uncommon, random words."
            : "Add another random word or two to make it harder to guess.";
    }

    private static int PoolSize(ReadOnlySpan<int> runes)
    {
        bool lower = false, upper = false, digit = false, symbol = false, space = false, other = false;
        foreach (int rune in runes)
        {
            switch (rune)
            {
                case >= 'a' and <= 'z':
                    lower = true;
                    break;
                case >= 'A' and <= 'Z':
                    upper = true;
                    break;
                case >= '0' and <= '9':
                    digit = true;
                    break;
                case ' ':
                    space = true;
                    break;
                case > ' ' and < 0x7F:
                    symbol = true;
                    break;
                default:
                    other = true;
                    break;
            }
        }

        return (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 32 : 0) + (space ? 1 : 0) + (other ? 100 : 0);
    }

    /// <summary>Zeroes the cost of characters that follow a guessable pattern; true if any did.</summary>
    private static bool MarkPatterns(ReadOnlySpan<int> folded, Span<double> cost)
    {
        bool any = false;
        for (int i = 1; i < folded.Length; i++)
        {
            bool repeat = folded[i] == folded[i - 1];
            bool sequence = i >= 2 && IsAlphanumeric(folded[i]) && IsAlphanumeric(folded[i - 1]) && IsAlphanumeric(folded[i - 2])
                && Math.Abs(folded[i] - folded[i - 1]) == 1 && folded[i] - folded[i - 1] == folded[i - 1] - folded[i - 2];
            bool keyboard = i >= 2 && KeyboardStep(folded[i - 1], folded[i]) is int step && step != 0
                && KeyboardStep(folded[i - 2], folded[i - 1]) == step;
            if (repeat || sequence || keyboard)
            {
                cost[i] = 0;
                any = true;
            }
        }

        // A block repeated right after itself ("abcabc", "ilovyouilovyou"): the copy is free.
        int maximumBlock = Math.Min(MaximumBlock, folded.Length / 2);
        for (int block = 2; block <= maximumBlock; block++)
        {
            int run = 0;
            for (int i = block; i <= folded.Length; i++)
            {
                if (i < folded.Length && folded[i] == folded[i - block])
                {
                    run++;
                    continue;
                }

                if (run >= block)
                {
                    cost[(i - run)..i].Clear();
                    any = true;
                }

                run = 0;
            }
        }

        return any;
    }

    /// <summary>The bits of common words found (each costs a flat amount); marks their characters as covered.</summary>
    private static double MarkCommonWords(
        ReadOnlySpan<int> folded, ReadOnlySpan<int> unleeted, Span<bool> covered, out bool anyCommon, out bool wholeIsCommon)
    {
        double bits = 0;
        anyCommon = false;
        foreach (string word in s_commonWordsLongestFirst)
        {
            for (int start = 0; start + word.Length <= folded.Length; start++)
            {
                if (covered[start] || !(Matches(folded, start, word) || Matches(unleeted, start, word)))
                {
                    continue;
                }

                covered.Slice(start, word.Length).Fill(true);
                bits += CommonWordBits;
                anyCommon = true;
            }
        }

        // "password", "Password1!", "p@ssw0rd": the whole thing is a common password, give or take two characters.
        int uncovered = 0;
        foreach (bool isCovered in covered)
        {
            uncovered += isCovered ? 0 : 1;
        }

        wholeIsCommon = anyCommon && uncovered <= 2;
        return bits;
    }

    private static double MarkYears(ReadOnlySpan<int> runes, Span<bool> covered)
    {
        double bits = 0;
        for (int start = 0; start + 4 <= runes.Length; start++)
        {
            bool boundedBefore = start == 0 || !IsDigit(runes[start - 1]);
            bool boundedAfter = start + 4 == runes.Length || !IsDigit(runes[start + 4]);
            if (!boundedBefore || !boundedAfter || covered[start])
            {
                continue;
            }

            int year = 0;
            bool allDigits = true;
            for (int i = start; i < start + 4; i++)
            {
                allDigits &= IsDigit(runes[i]);
                year = (year * 10) + (runes[i] - '0');
            }

            if (allDigits && year is >= 1900 and <= 2099)
            {
                covered.Slice(start, 4).Fill(true);
                bits += YearBits;
            }
        }

        return bits;
    }

    private static bool Matches(ReadOnlySpan<int> text, int start, string word)
    {
        for (int i = 0; i < word.Length; i++)
        {
            if (text[start + i] != word[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>+1 or -1 when <paramref name="to"/> is the neighbour of <paramref name="from"/> on a keyboard row, else null.</summary>
    private static int? KeyboardStep(int from, int to)
    {
        foreach (string row in s_keyboardRows)
        {
            int a = from < 0x80 ? row.IndexOf((char)from) : -1;
            int b = to < 0x80 ? row.IndexOf((char)to) : -1;
            if (a >= 0 && b >= 0 && Math.Abs(a - b) == 1)
            {
                return b - a;
            }
        }

        return null;
    }

    private static int FoldAscii(int rune) => rune is >= 'A' and <= 'Z' ? rune + ('a' - 'A') : rune;

    private static int Unleet(int rune) => rune switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        '!' => 'i',
        _ => rune,
    };

    private static bool IsLetter(int rune) => rune is >= 'a' and <= 'z' or >= 'A' and <= 'Z'
        || (rune is >= 0x80 and <= 0x10FFFF && Rune.IsLetter(new Rune(rune)));

    private static bool IsDigit(int rune) => rune is >= '0' and <= '9';

    private static bool IsAlphanumeric(int rune) => rune is >= 'a' and <= 'z' or >= '0' and <= '9';
}
