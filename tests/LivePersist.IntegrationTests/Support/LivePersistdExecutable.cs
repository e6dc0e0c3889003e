namespace LivePersist.IntegrationTests.Support;

/// <summary>
/// The live-persistd program the tests run: <c>$LIVE_PERSISTD_EXECUTABLE</c> when set (<c>./build.sh test</c> sets it to
/// the published NativeAOT executable, <c>artifacts/bin/live-persistd</c>, so that the suite checks what ships), else
/// the JIT-compiled build copied next to the tests (<c>dotnet test</c> alone).
/// </summary>
internal static class LivePersistdExecutable
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        string? given = Environment.GetEnvironmentVariable("LIVE_PERSISTD_EXECUTABLE");
        if (string.IsNullOrEmpty(given))
        {
            return System.IO.Path.Combine(AppContext.BaseDirectory, "live-persistd");
        }

        // A wrong path must fail loudly, never fall back to the other build.
        return File.Exists(given)
            ? System.IO.Path.GetFullPath(given)
            : throw new InvalidOperationException($"LIVE_PERSISTD_EXECUTABLE={given}: no such file (run ./build.sh first).");
    }
}
