using System.Buffers;
using System.Globalization;
using System.Text;

namespace LivePersist.Core.Config;

/// <summary>
/// Makes text from a possibly hostile volume safe to show on a terminal or a web page: invalid UTF-8
/// bytes become <c>\xNN</c>, control characters (except tab) and bidirectional overrides become
/// <c>\xNN</c> or <c>\uNNNN</c>, so they can neither be mistaken for other text nor drive a terminal.
/// </summary>
internal static class DisplayText
{
    /// <summary>Decodes UTF-8 for display, escaping what cannot or should not be shown.</summary>
    internal static string FromUtf8(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            OperationStatus status = Rune.DecodeFromUtf8(bytes, out Rune rune, out int consumed);
            if (status == OperationStatus.Done)
            {
                Append(text, rune);
            }
            else
            {
                foreach (byte invalid in bytes[..consumed])
                {
                    text.Append(CultureInfo.InvariantCulture, $"\\x{invalid:X2}");
                }
            }

            bytes = bytes[consumed..];
        }

        return text.ToString();
    }

    /// <summary>Escapes a string for display (unpaired surrogates show as U+FFFD).</summary>
    internal static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (Rune rune in value.EnumerateRunes())
        {
            Append(text, rune);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, Rune rune)
    {
        int value = rune.Value;
        if (value == '\t' || !(Rune.IsControl(rune) || IsBidirectionalControl(value)))
        {
            text.Append(rune.ToString());
        }
        else if (value < 0x80)
        {
            text.Append(CultureInfo.InvariantCulture, $"\\x{value:X2}");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"\\u{value:X4}");
        }
    }

    private static bool IsBidirectionalControl(int value) =>
        value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
