using Xunit;
using Xunit.Sdk;

namespace LivePersist.SystemTests.Support;

/// <summary>
/// A class fixture that boots the VM several times over the same sticks and share, once for all the
/// tests of a class, which then each assert one behaviour on the facts of the boots. A boot that
/// does not end as planned stops the journey: the later boots are not run, and the tests that need
/// them fail with the console of the boot that went wrong.
/// </summary>
public abstract class ScenarioJourney : IAsyncLifetime
{
    private readonly VirtualMachine _virtualMachine;
    private readonly Dictionary<string, ScenarioBoot> _boots = [];
    private ScenarioBoot? _failed;

    protected ScenarioJourney(VirtualMachine virtualMachine)
    {
        _virtualMachine = virtualMachine;
        Share = Scratch.CreateDirectory("share");
    }

    /// <summary>Where the journey keeps its stick images (deleted at the end).</summary>
    protected ScratchDirectory Scratch { get; } = new();

    /// <summary>The VM's writable share: the scenarios' working directory.</summary>
    protected string Share { get; }

    /// <summary>The boot of <paramref name="scenario"/>, or a failure that says why it did not happen.</summary>
    public ScenarioBoot Boot(string scenario)
    {
        if (_boots.TryGetValue(scenario, out ScenarioBoot? boot))
        {
            return boot;
        }

        throw new XunitException(_failed is null
            ? $"{scenario} was not booted."
            : $"{scenario} was not booted: {_failed.Name} before it did not end as planned. {_failed.Run.Describe()}");
    }

    /// <summary>A file the scenarios left in the share.</summary>
    public string ShareFile(string name) => Path.Combine(Share, name);

    public async ValueTask InitializeAsync() => await RunBootsAsync(TestContext.Current.CancellationToken);

    /// <summary>Boots the scenarios in order, with <see cref="BootAsync"/>.</summary>
    protected abstract Task RunBootsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Boots <paramref name="scenario"/> unless an earlier boot went wrong; returns whether this one
    /// ended as planned (completed with status 0, or cut when <paramref name="options"/> asks for a cut).
    /// </summary>
    protected async Task<bool> BootAsync(VmScenario scenario, VmRunOptions options, CancellationToken cancellationToken)
    {
        if (_failed is not null)
        {
            return false;
        }

        VmRunResult run = await _virtualMachine.RunAsync(scenario, options, cancellationToken);
        string facts = Path.Combine(Share, "facts");
        ScenarioBoot boot = new(
            scenario.FilePath is null ? "(inline script)" : Path.GetFileName(scenario.FilePath),
            run,
            File.Exists(facts) ? KeyValueFile.Take(facts, run) : new Dictionary<string, string>());
        _boots[boot.Name] = boot;
        bool planned = options.PowerCutMarker is null ? run.Succeeded : run.WasPowerCut;
        if (!planned)
        {
            _failed = boot;
        }

        return planned;
    }

    public ValueTask DisposeAsync()
    {
        Scratch.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
