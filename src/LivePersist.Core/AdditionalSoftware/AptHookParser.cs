using System.Globalization;
using System.Text;

namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// Parses the <c>DPkg::Pre-Install-Pkgs</c> protocol, versions 2 and 3, as APT writes it
/// (<c>apt-pkg/deb/dpkgpm.cc</c>, <c>SendPkgsInfo</c>):
/// <code>
/// VERSION 3
/// APT::Architecture=amd64
/// CommandLine::AsString=apt-get%20install%20vim
/// (more configuration, an item a line, characters that could break the line %-encoded)
///
/// vim - - none &lt; 2:9.0.1378-2 amd64 none /var/cache/apt/archives/vim_2%3a9.0.1378-2_amd64.deb
/// vim - - none &lt; 2:9.0.1378-2 amd64 none **CONFIGURE**
/// nano 7.2-1 amd64 none &gt; - - none **REMOVE**
/// </code>
/// Version 2 lines lack the architecture and multi-arch fields: <c>NAME OLD CMP NEW ACTION</c>.
/// </summary>
public static class AptHookParser
{
    private const string Configure = "**CONFIGURE**";
    private const string Remove = "**REMOVE**";

    /// <summary>Parses the whole standard input of the hook.</summary>
    /// <exception cref="InvalidDataException">The text does not follow the protocol (the message names the line).</exception>
    public static AptHookMessage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Split('\n');
        int version = ParseVersion(lines[0].TrimEnd('\r'));
        List<KeyValuePair<string, string>> configuration = [];
        int index = 1;
        for (; index < lines.Length; index++)
        {
            string line = lines[index].TrimEnd('\r');
            if (line.Length == 0)
            {
                index++;
                break;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidDataException($"Line {index + 1} of the APT hook input is not a configuration item (KEY=VALUE): '{Shorten(line)}'.");
            }

            configuration.Add(new(Decode(line[..equals]), Decode(line[(equals + 1)..])));
        }

        List<AptPackageAction> actions = [];
        for (; index < lines.Length; index++)
        {
            string line = lines[index].TrimEnd('\r');
            if (line.Length > 0)
            {
                actions.Add(ParseAction(line, version, index + 1));
            }
        }

        return new AptHookMessage(version, configuration, actions);
    }

    private static int ParseVersion(string line)
    {
        const string Prefix = "VERSION ";
        if (!line.StartsWith(Prefix, StringComparison.Ordinal) ||
            !int.TryParse(line.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
        {
            throw new InvalidDataException(
                $"The APT hook input does not start with 'VERSION 2' or 'VERSION 3' but with '{Shorten(line)}': " +
                "set DPkg::Tools::Options::<hook>::Version \"3\" in the APT configuration.");
        }

        return version is 2 or 3
            ? version
            : throw new InvalidDataException($"The APT hook protocol version {version} is not supported (2 and 3 are).");
    }

    private static AptPackageAction ParseAction(string line, int version, int lineNumber)
    {
        int fieldsBeforeAction = version == 3 ? 8 : 4;
        string[] fields = line.Split(' ', fieldsBeforeAction + 1);
        if (fields.Length != fieldsBeforeAction + 1 || fields.Any(field => field.Length == 0))
        {
            throw new InvalidDataException(
                $"Line {lineNumber} of the APT hook input is not a version {version} package line: '{Shorten(line)}'.");
        }

        string action = fields[^1];
        (AptActionKind kind, string? file) = action switch
        {
            Configure => (AptActionKind.Configure, null),
            Remove => (AptActionKind.Remove, null),
            _ => (AptActionKind.Unpack, action),
        };
        string comparison = version == 3 ? fields[4] : fields[2];
        if (comparison is not ("<" or "=" or ">"))
        {
            throw new InvalidDataException(
                $"Line {lineNumber} of the APT hook input has '{comparison}' where '<', '=' or '>' is expected: '{Shorten(line)}'.");
        }

        return version == 3
            ? new AptPackageAction(fields[0], Dash(fields[1]), Dash(fields[2]), comparison, Dash(fields[5]), Dash(fields[6]), kind, file)
            : new AptPackageAction(fields[0], Dash(fields[1]), null, comparison, Dash(fields[3]), null, kind, file);
    }

    private static string? Dash(string field) => field == "-" ? null : field;

    // APT's QuoteString: '%', controls, space, non-ASCII and the characters that would break the line become %XX.
    private static string Decode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        byte[] input = Encoding.UTF8.GetBytes(text);
        List<byte> output = new(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] == (byte)'%' && i + 2 < input.Length &&
                byte.TryParse(Encoding.ASCII.GetString(input, i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte value))
            {
                output.Add(value);
                i += 2;
            }
            else
            {
                output.Add(input[i]);
            }
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "…";
}
