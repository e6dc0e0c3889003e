using LivePersist.Core.Profiles;
using LivePersist.Core.Service;
using Xunit;

namespace LivePersist.Core.Tests.Service;

public sealed class AccessPolicyTests
{
    private const uint Greeter = 115;
    private const uint Desktop = 1000;

    private static readonly AccessPolicy s_tails = AccessPolicy.For(ProfileLoader.Default, Greeter);

    [Theory]
    [InlineData(0u, ServiceRole.Administrator)]
    [InlineData(Greeter, ServiceRole.Greeter)]
    [InlineData(Desktop, ServiceRole.Desktop)]
    [InlineData(1001u, ServiceRole.None)]
    [InlineData(65534u, ServiceRole.None)]
    public void RoleOf_Should_GiveTheRoleOfTheUid_When_TheProfileIsTails(uint uid, ServiceRole role)
    {
        // When / Then
        Assert.Equal(role, s_tails.RoleOf(uid));
    }

    [Fact]
    public void RoleOf_Should_GiveNoGreeter_When_TheSystemHasNone()
    {
        // Given
        AccessPolicy policy = new(greeterUid: null, Desktop, []);

        // When / Then
        Assert.Equal(ServiceRole.None, policy.RoleOf(Greeter));
        Assert.Equal(ServiceRole.Administrator, policy.RoleOf(0));
    }

    [Fact]
    public void AllowedOperations_Should_LetTheGreeterOnlyUnlock_When_TheProfileIsTails()
    {
        // When
        IReadOnlyList<ServiceOperation> allowed = s_tails.AllowedOperations(ServiceRole.Greeter);

        // Then
        Assert.Equal([ServiceOperation.Status, ServiceOperation.Unlock, ServiceOperation.Upgrade, ServiceOperation.WebSession], allowed);
    }

    [Fact]
    public void AllowedOperations_Should_LetTheDesktopDoWhatTheSettingsAppDoes_When_TheProfileIsTails()
    {
        // When
        IReadOnlyList<ServiceOperation> allowed = s_tails.AllowedOperations(ServiceRole.Desktop);

        // Then: everything but unlock, upgrade and lock
        Assert.Equal(
            [ServiceOperation.Status, ServiceOperation.Create, ServiceOperation.Delete, ServiceOperation.ChangePassphrase, ServiceOperation.Repair,
             ServiceOperation.Backup, ServiceOperation.Features, ServiceOperation.DeleteData, ServiceOperation.CustomFolders,
             ServiceOperation.AdditionalSoftware, ServiceOperation.Save, ServiceOperation.WebSession],
            allowed);
        Assert.False(s_tails.Allows(ServiceRole.Desktop, ServiceOperation.Unlock));
    }

    [Fact]
    public void Allows_Should_LetRootDoEverythingAndNobodyElseAnything_When_AskedForEachOperation()
    {
        // When / Then
        Assert.All(ServiceOperations.All, operation => Assert.True(s_tails.Allows(ServiceRole.Administrator, operation)));
        Assert.All(ServiceOperations.All, operation => Assert.False(s_tails.Allows(ServiceRole.None, operation)));
        Assert.Empty(s_tails.AllowedOperations(ServiceRole.None));
    }

    [Fact]
    public void Allows_Should_GiveTheDesktopOnlyStatusAndLinks_When_TheProfileListsNothing()
    {
        // Given
        AccessPolicy policy = new(Greeter, Desktop, []);

        // When / Then
        Assert.Equal([ServiceOperation.Status, ServiceOperation.WebSession], policy.AllowedOperations(ServiceRole.Desktop));
    }

    [Theory]
    [InlineData(ServiceRole.Administrator, 0u, 1000u, true)]
    [InlineData(ServiceRole.Desktop, 1000u, 1000u, true)]
    [InlineData(ServiceRole.Desktop, 1000u, 115u, false)]
    [InlineData(ServiceRole.Greeter, 115u, 0u, false)]
    [InlineData(ServiceRole.None, 1001u, 1001u, false)]
    public void MayFollowJob_Should_LetOnlyRootAndTheOwner_When_AJobIsRead(ServiceRole role, uint caller, uint owner, bool may)
    {
        // When / Then
        Assert.Equal(may, AccessPolicy.MayFollowJob(role, caller, owner));
    }

    [Theory]
    [InlineData(ServiceOperation.ChangePassphrase, "change-passphrase")]
    [InlineData(ServiceOperation.DeleteData, "delete-data")]
    [InlineData(ServiceOperation.WebSession, "web-session")]
    [InlineData(ServiceOperation.Save, "save")]
    [InlineData(ServiceOperation.Status, "status")]
    public void Name_Should_SpellOperationsInKebabCase_When_TheyAreNamed(ServiceOperation operation, string name)
    {
        // When / Then
        Assert.Equal(name, ServiceOperations.Name(operation));
        Assert.True(ServiceOperations.TryParse(name, out ServiceOperation parsed));
        Assert.Equal(operation, parsed);
    }

    [Theory]
    [InlineData("ChangePassphrase")]
    [InlineData("Status")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Should_Refuse_When_TheNameIsNotExact(string? name)
    {
        // When / Then
        Assert.False(ServiceOperations.TryParse(name, out _));
    }
}
