using System.Text;
using LivePersist.Core;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Cli.Output;

/// <summary>
/// Reads answers from standard input when it is not a terminal, one line at a time and one byte at a time, so
/// nothing after the line is consumed: passphrases, feature changes and confirmations can follow each other on
/// the same input (the passphrase reader reads the same way).
/// </summary>
internal static class StandardInputLines
{
    private const int MaximumLength = 4096;

    /// <summary>The next line without its line ending, or null at the end of the input.</summary>
    public static string? ReadLine()
    {
        using SafeFileHandle handle = new(0, ownsHandle: false);
        using FileStream stream = new(handle, FileAccess.Read, bufferSize: 0);
        List<byte> line = [];
        Span<byte> one = stackalloc byte[1];
        while (stream.Read(one) == 1)
        {
            if (one[0] == (byte)'\n')
            {
                return Decode(line);
            }

            if (line.Count == MaximumLength)
            {
                throw new PersistenceException(ErrorKind.Usage, $"A line of standard input is longer than {MaximumLength} bytes.");
            }

            line.Add(one[0]);
        }

        return line.Count == 0 ? null : Decode(line);
    }

    private static string Decode(List<byte> line) => Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
}
