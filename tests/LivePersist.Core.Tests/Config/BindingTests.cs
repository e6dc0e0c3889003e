using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

public sealed class BindingTests
{
    [Fact]
    public void Binding_Should_DefaultToReadWriteBind_When_OnlyPathsAreGiven()
    {
        Binding binding = new("/home/amnesia/Persistent", "Persistent");

        Assert.Equal(BindingKind.Bind, binding.Kind);
        Assert.False(binding.ReadOnly);
    }
}
