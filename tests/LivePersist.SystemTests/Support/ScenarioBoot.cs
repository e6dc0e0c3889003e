using Xunit;
using Xunit.Sdk;

namespace LivePersist.SystemTests.Support;

/// <summary>One boot of a multi-boot scenario: how the VM run ended, and the facts it reported.</summary>
public sealed class ScenarioBoot(string name, VmRunResult run, IReadOnlyDictionary<string, string> facts)
{
    /// <summary>The scenario file, to say which boot a failure comes from.</summary>
    public string Name { get; } = name;

    public VmRunResult Run { get; } = run;

    public IReadOnlyDictionary<string, string> Facts { get; } = facts;

    /// <summary>A fact the scenario must have reported; its absence fails the test with the console.</summary>
    public string Fact(string key) =>
        Facts.TryGetValue(key, out string? value)
            ? value
            : throw new XunitException($"{Name} did not report '{key}'. {Run.Describe()}");

    /// <summary>The facts whose key starts with <paramref name="prefix"/>.</summary>
    public IEnumerable<KeyValuePair<string, string>> FactsStartingWith(string prefix) =>
        Facts.Where(fact => fact.Key.StartsWith(prefix, StringComparison.Ordinal));

    public void AssertCompleted() => Assert.True(Run.Succeeded, $"{Name}: {Run.Describe()}");

    public void AssertPowerCut() => Assert.True(Run.WasPowerCut, $"{Name} was to end with a power cut. {Run.Describe()}");
}
