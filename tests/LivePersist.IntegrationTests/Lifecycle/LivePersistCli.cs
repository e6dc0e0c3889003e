using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>Runs the real live-persist executable (see <see cref="LivePersistExecutable"/>) as a user or a script would.</summary>
internal static class LivePersistCli
{
    private static string Executable => LivePersistExecutable.Path;

    /// <summary>
    /// Runs live-persist with <paramref name="input"/> on standard input (a pipe: never a terminal), with
    /// <c>--root</c> <paramref name="scratch"/>, so its run files (operation lock, header copies) stay in the test's directory.
    /// </summary>
    public static CliResult Run(ScratchDirectory scratch, string? input, params string[] arguments) =>
        RunWithRoot(scratch.Path, input, arguments);

    /// <summary>Runs live-persist with <c>--root</c> <paramref name="root"/> and <paramref name="input"/> on standard input.</summary>
    public static CliResult RunWithRoot(string root, string? input, params string[] arguments)
    {
        (int exitCode, string stdout, string stderr) = Tool.TryRun(Executable, input ?? string.Empty, [.. arguments, "--root", root]);
        return new CliResult(exitCode, stdout, stderr);
    }

    /// <summary>
    /// Asserts a failure as users must see it: the exit code, then one line <c>live-persist: MESSAGE</c> holding every
    /// fragment as the last line of standard error, and no stack trace anywhere.
    /// </summary>
    public static void AssertFailure(CliResult result, int exitCode, params string[] fragments)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit code {exitCode}, got {result}");
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        string message = Assert.Single(result.ErrorLines, line => line.StartsWith("live-persist: ", StringComparison.Ordinal));
        Assert.Equal(message, result.ErrorLines[^1]);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }
    }

    /// <summary>Asserts success (with the whole output in the failure message).</summary>
    public static void AssertSuccess(CliResult result) =>
        Assert.True(result.ExitCode == 0, $"expected success, got {result}");
}
