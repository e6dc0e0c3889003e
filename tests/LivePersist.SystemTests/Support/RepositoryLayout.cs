namespace LivePersist.SystemTests.Support;

/// <summary>Where the VM harness and the scenarios are: in the checkout the tests were built from.</summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The checkout's root directory (the one holding <c>LivePersist.slnx</c>).</summary>
    public static string Root => s_root.Value;

    /// <summary><c>tests/vm/</c>: prepare.sh and run.sh.</summary>
    public static string VmScripts => Path.Combine(Root, "tests", "vm");

    /// <summary>The path of a scenario script in <c>tests/LivePersist.SystemTests/Scenarios/</c>.</summary>
    public static string Scenario(string fileName) =>
        Path.Combine(Root, "tests", "LivePersist.SystemTests", "Scenarios", fileName);

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LivePersist.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No LivePersist.slnx above {AppContext.BaseDirectory}: the system tests run from a build inside the checkout.");
    }
}
