using System.Text;
using LivePersist.Core.Config;

namespace LivePersist.Core.Tests.Config;

/// <summary>Generates valid configurations and damaged files from one seeded <see cref="Random"/>.</summary>
internal sealed class ConfigFuzzer
{
    // Characters that stress quoting, comments, separators, option syntax and code point order.
    private static readonly string[] s_pathCharacters =
    [
        "a", "b", "Z", "0", "9", " ", "\t", "'", "\"", "\\", "#", ",", "=", "$", "*", "~", "!", ";", "&", "|",
        "@", "%", "+", ":", "-", "_", ".", "é", "日", "\u00A0", "\uFF01", "\U0001F600", "source=", "lib",
    ];

    private static readonly byte[][] s_fragments =
    [
        .. new[]
        {
            "source=", ",", "link", "linkfiles", "union", "file", "bind", "ro", "'", "\"", "\\", "#", " ", "\t",
            "\n", "\r", "\r\n", "/", ".", "..", "/lib", "/live", "/ union", "=", "é", "\U0001F600",
        }.Select(Encoding.UTF8.GetBytes),
        [0x00], [0x1B], [0x7F], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF0, 0x9F],
    ];

    private readonly Random _random;

    public ConfigFuzzer(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>A valid configuration: random entries of every kind, with comment and blank lines around them.</summary>
    public PersistenceConfiguration NextConfiguration()
    {
        PersistenceConfiguration configuration = PersistenceConfiguration.Empty;
        int entries = _random.Next(0, 8);
        for (int i = 0; i < entries; i++)
        {
            BindingKind kind = (BindingKind)_random.Next(0, 4);
            string destination = _random.Next(20) == 0 ? "/" : NextPath(absolute: true);
            string source = _random.Next(3) switch
            {
                0 => Binding.DefaultSourceFor(destination),
                1 when _random.Next(10) == 0 => ".",
                _ => NextPath(absolute: false),
            };
            bool readOnly = kind != BindingKind.Link && _random.Next(3) == 0;

            // Refused candidates (forbidden, conflicting, commas...) are simply not part of the model.
            configuration.TryAdd(new Binding(destination, source, kind, readOnly), out configuration, out _);
        }

        IEnumerable<ConfigBlock> blocks = configuration.Blocks.Select(block => new ConfigBlock(NextUnusedLines(), block.Binding));
        return PersistenceConfiguration.Create([.. blocks], NextUnusedLines());
    }

    /// <summary>A damaged copy of <paramref name="file"/>, sometimes with pieces of <paramref name="other"/>.</summary>
    public byte[] Mutate(byte[] file, byte[] other)
    {
        var bytes = new List<byte>(file);
        int operations = _random.Next(1, 5);
        for (int i = 0; i < operations; i++)
        {
            int at = _random.Next(bytes.Count + 1);
            switch (_random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[_random.Next(bytes.Count)] = (byte)_random.Next(256);
                    break;
                case 1:
                    bytes.InsertRange(at, s_fragments[_random.Next(s_fragments.Length)]);
                    break;
                case 2:
                    bytes.RemoveRange(at, _random.Next(Math.Min(8, bytes.Count - at) + 1));
                    break;
                case 3 when other.Length > 0:
                    int start = _random.Next(other.Length);
                    bytes.InsertRange(at, other[start..(start + _random.Next(other.Length - start + 1))]);
                    break;
                case 4 when bytes.Count > 0:
                    int from = _random.Next(bytes.Count);
                    bytes.InsertRange(at, bytes.GetRange(from, _random.Next(bytes.Count - from + 1)));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Random bytes: half of the time any byte, otherwise fragments of the grammar.</summary>
    public byte[] NextNoise()
    {
        var bytes = new List<byte>();
        int length = _random.Next(0, 160);
        bool anyByte = _random.Next(2) == 0;
        while (bytes.Count < length)
        {
            if (anyByte)
            {
                bytes.Add((byte)_random.Next(256));
            }
            else
            {
                bytes.AddRange(_random.Next(3) == 0 ? [(byte)_random.Next(0x20, 0x7F)] : s_fragments[_random.Next(s_fragments.Length)]);
            }
        }

        return [.. bytes];
    }

    private string NextPath(bool absolute)
    {
        var path = new StringBuilder(absolute ? "/" : "");
        int components = _random.Next(1, 4);
        for (int i = 0; i < components; i++)
        {
            if (i > 0)
            {
                path.Append('/', _random.Next(8) == 0 ? 2 : 1);
            }

            int length = _random.Next(1, 6);
            for (int j = 0; j < length; j++)
            {
                path.Append(s_pathCharacters[_random.Next(s_pathCharacters.Length)]);
            }
        }

        if (_random.Next(8) == 0)
        {
            path.Append('/');
        }

        return path.ToString();
    }

    private List<RawLine> NextUnusedLines()
    {
        var lines = new List<RawLine>();
        int count = _random.Next(4) == 0 ? _random.Next(1, 3) : 0;
        for (int i = 0; i < count; i++)
        {
            string line = _random.Next(4) switch
            {
                0 => "",
                1 => " \t ",
                2 => "# " + NextPath(absolute: true) + " source=x 'open",
                _ => "\t#" + NextPath(absolute: false) + (_random.Next(2) == 0 ? "\r" : ""),
            };
            lines.Add(new RawLine(Encoding.UTF8.GetBytes(line)));
        }

        return lines;
    }
}
