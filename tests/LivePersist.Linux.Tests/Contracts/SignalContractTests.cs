using Xunit;

namespace LivePersist.Linux.Tests.Contracts;

public sealed class SignalContractTests
{
    [Fact]
    public void SignalConstants_Should_MatchSystemHeaders_When_CompiledOnThisArchitecture()
    {
        // Given
        string[] assertions = [$"SIGTERM == {Interop.Libc.SIGTERM}"];

        // When / Then
        CContract.AssertAll(assertions);
    }
}
