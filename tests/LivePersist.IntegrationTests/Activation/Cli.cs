using System.Text.Json;
using LivePersist.IntegrationTests.Support;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>Runs the built <c>live-persist</c> program (see <see cref="LivePersistExecutable"/>) as a user would.</summary>
internal static class Cli
{
    private static readonly string s_program = LivePersistExecutable.Path;

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments) =>
        Tool.TryRun(s_program, null, arguments);

    /// <summary>Runs with <c>--json</c> and parses standard output.</summary>
    public static (int ExitCode, JsonElement Json, string Stderr) RunJson(params string[] arguments)
    {
        (int exitCode, string stdout, string stderr) = Run(["--json", .. arguments]);
        using JsonDocument document = JsonDocument.Parse(stdout);
        return (exitCode, document.RootElement.Clone(), stderr);
    }
}
