namespace LivePersist.SystemTests.Support;

/// <summary>
/// A bash script to run as root in the VM, with its arguments: a file (usually in
/// <c>Scenarios/</c>, so it can be run by hand too) or a text written on the fly.
/// </summary>
public sealed class VmScenario
{
    private VmScenario(string? path, string? text, IReadOnlyList<string> arguments)
    {
        FilePath = path;
        Text = text;
        Arguments = arguments;
    }

    /// <summary>The script file, or null when the scenario is a text.</summary>
    public string? FilePath { get; }

    /// <summary>The script text, or null when the scenario is a file.</summary>
    public string? Text { get; }

    /// <summary>The arguments the script gets in the guest ($1, $2, ...).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>A scenario file of <c>tests/LivePersist.SystemTests/Scenarios/</c>.</summary>
    public static VmScenario FromScenarios(string fileName, params string[] arguments) =>
        FromFile(RepositoryLayout.Scenario(fileName), arguments);

    /// <summary>A script file anywhere on the host.</summary>
    public static VmScenario FromFile(string path, params string[] arguments)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No scenario script at {path}.", path);
        }

        return new VmScenario(path, null, arguments);
    }

    /// <summary>A script given as text.</summary>
    public static VmScenario FromText(string text, params string[] arguments) => new(null, text, arguments);

    public override string ToString() =>
        (FilePath is null ? "(inline script)" : System.IO.Path.GetFileName(FilePath)) +
        (Arguments.Count == 0 ? "" : " " + string.Join(' ', Arguments));
}
