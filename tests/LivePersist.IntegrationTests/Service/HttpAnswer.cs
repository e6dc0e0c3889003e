using System.Text.Json.Nodes;

namespace LivePersist.IntegrationTests.Service;

/// <summary>One HTTP answer of live-persistd: status, headers (names in any case) and body.</summary>
internal sealed record HttpAnswer(int Status, IReadOnlyDictionary<string, IReadOnlyList<string>> Headers, string Body)
{
    /// <summary>The body as JSON.</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException($"The body is not JSON: {this}");

    /// <summary>The one value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out IReadOnlyList<string>? values) ? string.Join(", ", values) : null;

    /// <summary>The error's kind and exit code, for a refusal or failure.</summary>
    public (string? Kind, int? ExitCode) Error => ((string?)Json["error"]?["kind"], (int?)Json["error"]?["exitCode"]);

    /// <summary>Parses what <c>curl --include</c> printed.</summary>
    public static HttpAnswer ParseCurl(string output)
    {
        int end = output.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string head = end < 0 ? output : output[..end];
        string body = end < 0 ? string.Empty : output[(end + 4)..];
        string[] lines = head.Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Dictionary<string, List<string>> headers = new(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                string name = line[..colon];
                if (!headers.TryGetValue(name, out List<string>? values))
                {
                    headers[name] = values = [];
                }

                values.Add(line[(colon + 1)..].Trim());
            }
        }

        return new HttpAnswer(status, headers.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<string>)entry.Value, StringComparer.OrdinalIgnoreCase), body);
    }

    public override string ToString() =>
        $"HTTP {Status}\n{string.Join('\n', Headers.Select(header => $"{header.Key}: {string.Join(", ", header.Value)}"))}\n\n{Body}";
}
