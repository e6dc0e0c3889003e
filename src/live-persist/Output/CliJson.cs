using System.Text.Encodings.Web;
using System.Text.Json;

namespace LivePersist.Cli.Output;

/// <summary>The JSON context the CLI prints with: readable (no \u0027 for quotes), indented, camelCase.</summary>
internal static class CliJson
{
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
