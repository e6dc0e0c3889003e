namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// Plans the APT runs that install a list so that one missing or broken package fails alone:
/// <list type="number">
/// <item>every package at once (the usual case: one run);</item>
/// <item>if some are not installed after it, each of those is checked alone with a simulation (a
/// resolver problem, such as an unknown package or unmet dependencies, fails that package at once);</item>
/// <item>the ones that pass are installed together again;</item>
/// <item>if some still fail, each is installed alone, so that its reason is its own.</item>
/// </list>
/// A package counts as installed when its run succeeded or, after a failed run, when dpkg says it is
/// installed (a failed run can still install most packages: dpkg sets up each one it can). Pure: the
/// caller runs each <see cref="CampaignStep"/> and reports it with <see cref="Record"/>.
/// </summary>
public sealed class InstallCampaign
{
    private readonly string[] _requested;
    private readonly Queue<CampaignStep> _queue = new();
    private readonly HashSet<string> _installed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failed = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private readonly List<string> _checked = [];
    private int _checksPending;
    private Phase _phase = Phase.Together;
    private AptProblem? _problem;

    /// <summary>Plans the installation of <paramref name="packages"/> (in the list's order).</summary>
    public InstallCampaign(IEnumerable<string> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        _requested = packages.Distinct(StringComparer.Ordinal).ToArray();
        if (_requested.Length > 0)
        {
            _queue.Enqueue(new CampaignStep(CampaignStepKind.Install, _requested));
        }
    }

    private enum Phase
    {
        Together,
        Checking,
        Retry,
        Alone,
    }

    /// <summary>The next APT run, or null when the campaign is over.</summary>
    public CampaignStep? Next() => _problem is null && _queue.TryDequeue(out CampaignStep? step) ? step : null;

    /// <summary>Records how a step went.</summary>
    /// <param name="step">The step, as <see cref="Next"/> gave it.</param>
    /// <param name="exitCode">apt-get's exit code.</param>
    /// <param name="output">What it printed.</param>
    /// <param name="isInstalled">Whether dpkg has a package installed after the run (read after install steps that failed).</param>
    public void Record(CampaignStep step, int exitCode, string output, Func<string, bool> isInstalled)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(isInstalled);
        if (exitCode != 0 && AptOutput.GlobalProblem(output) is AptProblem problem)
        {
            _problem = problem;
            foreach (string package in _requested.Where(package => !_installed.Contains(package) && !_failed.ContainsKey(package)))
            {
                _failed[package] = problem.Message;
            }

            return;
        }

        if (step.Kind == CampaignStepKind.Check)
        {
            RecordCheck(step.Packages[0], exitCode, output);
            return;
        }

        string[] notInstalled = exitCode == 0 ? [] : step.Packages.Where(package => !isInstalled(package)).ToArray();
        foreach (string package in step.Packages.Except(notInstalled, StringComparer.Ordinal))
        {
            _installed.Add(package);
        }

        if (exitCode != 0 && notInstalled.Length == 0)
        {
            IReadOnlyList<string> others = AptOutput.DpkgFailures(output);
            string detail = others.Count > 0 ? $"dpkg could not set up {string.Join(", ", others)}"
                : AptOutput.Errors(output) is { Count: > 0 } errors ? string.Join(" ", errors)
                : $"exit code {exitCode}";
            _warnings.Add($"APT reported a problem, but {Describe(step.Packages)} installed ({detail}).");
        }

        if (notInstalled.Length == 0)
        {
            return;
        }

        if (step.Packages.Count == 1)
        {
            _failed[notInstalled[0]] = AptOutput.Explain(output, notInstalled[0], exitCode);
            return;
        }

        if (_phase == Phase.Together)
        {
            _phase = Phase.Checking;
            _checksPending = notInstalled.Length;
            foreach (string package in notInstalled)
            {
                _queue.Enqueue(new CampaignStep(CampaignStepKind.Check, [package]));
            }
        }
        else
        {
            _phase = Phase.Alone;
            foreach (string package in notInstalled)
            {
                _queue.Enqueue(new CampaignStep(CampaignStepKind.Install, [package]));
            }
        }
    }

    /// <summary>What was installed and what failed, so far (complete once <see cref="Next"/> returns null).</summary>
    public InstallReport Report => new(
        _requested.Where(_installed.Contains).ToArray(),
        _requested.Where(_failed.ContainsKey).Select(package => new PackageFailure(package, _failed[package])).ToArray(),
        _warnings.ToArray(),
        _problem);

    private void RecordCheck(string package, int exitCode, string output)
    {
        if (exitCode == 0)
        {
            _checked.Add(package);
        }
        else
        {
            _failed[package] = AptOutput.Explain(output, package, exitCode);
        }

        if (--_checksPending == 0 && _checked.Count > 0)
        {
            _phase = Phase.Retry;
            _queue.Enqueue(new CampaignStep(CampaignStepKind.Install, _checked.ToArray()));
        }
    }

    private static string Describe(IReadOnlyList<string> packages) =>
        packages.Count == 1 ? $"{packages[0]} is" : $"all {packages.Count} packages are";
}

/// <summary>What a step of an <see cref="InstallCampaign"/> asks APT for.</summary>
public enum CampaignStepKind
{
    /// <summary>Install the packages (<c>apt-get install</c>).</summary>
    Install,

    /// <summary>Only check that the package could be installed (<c>apt-get install --simulate</c>): nothing changes.</summary>
    Check,
}

/// <summary>One APT run of an <see cref="InstallCampaign"/>.</summary>
/// <param name="Kind">Install, or only check.</param>
/// <param name="Packages">The packages of the run (one for a check).</param>
public sealed record CampaignStep(CampaignStepKind Kind, IReadOnlyList<string> Packages);

/// <summary>A package that was not installed, and why.</summary>
/// <param name="Package">Its name.</param>
/// <param name="Reason">Why (a sentence fragment).</param>
public sealed record PackageFailure(string Package, string Reason);

/// <summary>The outcome of an installation.</summary>
/// <param name="Installed">The packages installed (or already installed), in the list's order.</param>
/// <param name="Failed">The packages that were not, each with its reason.</param>
/// <param name="Warnings">Problems APT reported that did not keep any listed package from being installed.</param>
/// <param name="Problem">A problem that stopped every run (APT busy, dpkg interrupted, disk full), or null.</param>
public sealed record InstallReport(
    IReadOnlyList<string> Installed,
    IReadOnlyList<PackageFailure> Failed,
    IReadOnlyList<string> Warnings,
    AptProblem? Problem)
{
    /// <summary>Whether every package is installed.</summary>
    public bool Succeeded => Failed.Count == 0 && Problem is null;
}
