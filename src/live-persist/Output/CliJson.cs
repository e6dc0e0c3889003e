using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LivePersist.Core;

namespace LivePersist.Cli.Output;

/// <summary>
/// The JSON context the CLI prints with: readable (no \u0027 for quotes), indented, camelCase; error kinds in
/// kebab case ("wrong-passphrase"), as the CLI has always printed them.
/// </summary>
internal static class CliJson
{
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<ErrorKind>(JsonNamingPolicy.KebabCaseLower) },
    });
}
