using Xunit;

namespace LivePersist.SystemTests.Support;

/// <summary>
/// The tests that boot VMs: one collection, so the harness is prepared once per test run and the
/// VMs run one after the other (each takes the machine's CPUs).
/// </summary>
[CollectionDefinition(Name)]
public sealed class VirtualMachineCollection : ICollectionFixture<VirtualMachine>
{
    public const string Name = "virtual machine";
}
