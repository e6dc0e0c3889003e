using System.Buffers;
using System.Text;

namespace LivePersist.Core.Config;

/// <summary>Writes <c>persistence.conf</c> the way Tails does, keeping every unused line byte for byte.</summary>
public static class PersistenceConfWriter
{
    /// <summary>
    /// Returns the file: for each entry its unused lines then the entry (<see cref="FormatLine"/>),
    /// then the trailer; every line ends with a line feed. An empty configuration gives zero bytes.
    /// </summary>
    public static byte[] Write(PersistenceConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var output = new ArrayBufferWriter<byte>();
        foreach (ConfigBlock block in configuration.Blocks)
        {
            foreach (RawLine line in block.Leading)
            {
                WriteLine(output, line.Bytes);
            }

            WriteLine(output, block.Line);
        }

        foreach (RawLine line in configuration.Trailer)
        {
            WriteLine(output, line.Bytes);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Formats one entry as Tails does: the destination quoted like Python's <c>shlex.quote</c>, a tab,
    /// then the options <c>source=…</c> (always written), <c>link</c>, <c>union</c>, <c>file</c> or <c>snapshot</c>
    /// (nothing for the default <c>bind</c>), <c>snapshot-interval=MINUTES</c> when the binding has its own, and
    /// <c>ro</c>, joined by commas and quoted the same way.
    /// Parsing the line gives back any binding that the parser or
    /// <see cref="PersistenceConfiguration.TryAdd"/> accepted.
    /// </summary>
    public static string FormatLine(Binding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var options = new StringBuilder("source=").Append(binding.Source);
        options.Append(binding.Kind switch
        {
            BindingKind.Bind => "",
            BindingKind.Link => ",link",
            BindingKind.Union => ",union",
            BindingKind.File => ",file",
            BindingKind.Snapshot => ",snapshot",
            _ => throw new ArgumentOutOfRangeException(nameof(binding), binding.Kind, "Unknown binding kind."),
        });
        if (binding.SnapshotIntervalMinutes is int minutes)
        {
            options.Append(",snapshot-interval=").Append(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (binding.ReadOnly)
        {
            options.Append(",ro");
        }

        return ShellQuoting.Quote(binding.Destination) + "\t" + ShellQuoting.Quote(options.ToString());
    }

    private static void WriteLine(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> line)
    {
        output.Write(line);
        output.Write("\n"u8);
    }
}
