using LivePersist.Core.FileSystem;
using LivePersist.Core.Policy;
using LivePersist.Core.Profiles;
using Xunit;

namespace LivePersist.Core.Tests.Policy;

public sealed class PermissionPolicyTests
{
    private static readonly Profile s_tails = ProfileLoader.Default;
    private static readonly NodeFacts s_goodRoot = new(NodeKind.Directory, 0, 0, (UnixFileMode)0b111_111_000, HasExtendedAcl: true);
    private static readonly NodeFacts s_goodConfig = new(NodeKind.RegularFile, 115, 122, (UnixFileMode)0b110_000_000);

    [Theory]
    [InlineData("user:1000:--x")]
    [InlineData("u:1000:--x,m::rwx")]
    [InlineData("user:1000:--x\nmask::rwx\n")]
    [InlineData("user::rwx,user:1000:--x,group::rwx,mask::rwx,other::---")]
    public void CheckVolumeRoot_Should_Trust_When_OwnerModeAndAclAreTails(string acl)
    {
        Assert.True(PermissionPolicy.CheckVolumeRoot(s_goodRoot, acl, s_tails).IsTrusted);
    }

    [Theory]
    [InlineData(0u, 0u, 0b111_111_111, "user:1000:--x", "mode 0777")]
    [InlineData(1000u, 0u, 0b111_111_000, "user:1000:--x", "owned by 1000:0")]
    [InlineData(0u, 0u, 0b111_111_000, "", "has no extended ACL, not 'user:1000:--x'")]
    [InlineData(0u, 0u, 0b111_111_000, "user:1000:rwx", "not 'user:1000:--x'")]
    [InlineData(0u, 0u, 0b111_111_000, "user:1000:--x,user:1001:rwx", "user:1001")]
    public void CheckVolumeRoot_Should_SayWhy_When_TheRootIsNotAsTailsMakesIt(uint uid, uint gid, int mode, string acl, string problem)
    {
        // Given
        NodeFacts root = new(NodeKind.Directory, uid, gid, (UnixFileMode)mode, HasExtendedAcl: acl.Length > 0);

        // When
        PolicyVerdict verdict = PermissionPolicy.CheckVolumeRoot(root, acl, s_tails);

        // Then
        Assert.False(verdict.IsTrusted);
        Assert.Contains(problem, verdict.Problem);
    }

    [Fact]
    public void CheckConfigFile_Should_Use_When_TheFileIsRegular115Colon122Mode0600WithoutAcl()
    {
        Assert.Equal((ConfigFileAction.Use, null), PermissionPolicy.CheckConfigFile(s_goodConfig, s_tails));
    }

    [Fact]
    public void CheckConfigFile_Should_CreateAnEmptyOne_When_ItIsMissing()
    {
        Assert.Equal(ConfigFileAction.CreateEmpty, PermissionPolicy.CheckConfigFile(NodeFacts.Missing, s_tails).Action);
    }

    public static TheoryData<NodeFacts, string> UntrustedConfigs => new()
    {
        { s_goodConfig with { Mode = (UnixFileMode)0b110_100_100 }, "mode 0644" },
        { s_goodConfig with { Uid = 1000 }, "owned by 1000:122" },
        { s_goodConfig with { Gid = 0 }, "owned by 115:0" },
        { s_goodConfig with { HasExtendedAcl = true }, "extended ACL" },
        { new NodeFacts(NodeKind.Symlink, 115, 122), "symbolic link" },
        { new NodeFacts(NodeKind.Directory, 115, 122, (UnixFileMode)0b110_000_000), "not a regular file" },
        { new NodeFacts(NodeKind.Special, 115, 122, (UnixFileMode)0b110_000_000), "not a regular file" },
    };

    [Theory]
    [MemberData(nameof(UntrustedConfigs))]
    public void CheckConfigFile_Should_Disable_When_ItCouldHaveBeenWrittenBySomeoneElse(NodeFacts config, string problem)
    {
        // When
        (ConfigFileAction action, string? reason) = PermissionPolicy.CheckConfigFile(config, s_tails);

        // Then
        Assert.Equal(ConfigFileAction.Disable, action);
        Assert.Contains(problem, reason);
    }

    [Fact]
    public void CheckAdditionalSoftwareFile_Should_FixTheMode_When_ItHasTheOlderMode0600()
    {
        Assert.Equal(ConfigFileAction.FixMode, PermissionPolicy.CheckAdditionalSoftwareFile(s_goodConfig, s_tails).Action);
        Assert.Equal(ConfigFileAction.Use,
            PermissionPolicy.CheckAdditionalSoftwareFile(s_goodConfig with { Mode = (UnixFileMode)0b110_100_100 }, s_tails).Action);
        Assert.Equal(ConfigFileAction.Disable,
            PermissionPolicy.CheckAdditionalSoftwareFile(s_goodConfig with { Mode = (UnixFileMode)0b110_110_110 }, s_tails).Action);
    }

    [Fact]
    public void MustRestrictTopLevelDirectory_Should_BeTrueOnlyForDesktopOwnedDirectoriesOpenToOthers()
    {
        NodeFacts open = new(NodeKind.Directory, 1000, 1000, (UnixFileMode)0b111_101_101);
        Assert.True(PermissionPolicy.MustRestrictTopLevelDirectory(open, s_tails));
        Assert.False(PermissionPolicy.MustRestrictTopLevelDirectory(open with { Mode = (UnixFileMode)0b111_000_000 }, s_tails));
        Assert.False(PermissionPolicy.MustRestrictTopLevelDirectory(open with { Uid = 0 }, s_tails));
        Assert.False(PermissionPolicy.MustRestrictTopLevelDirectory(open with { Kind = NodeKind.RegularFile }, s_tails));
    }

    [Fact]
    public void CheckConfigFile_Should_AcceptRootOwnedFilesNotWritableByOthers_When_TheProfileIsDebianLive()
    {
        // Given
        Profile debian = ProfileLoader.LoadBuiltIn("debian-live");
        NodeFacts config = new(NodeKind.RegularFile, 0, 0, (UnixFileMode)0b110_100_100);

        // Then
        Assert.Equal(ConfigFileAction.Use, PermissionPolicy.CheckConfigFile(config, debian).Action);
        Assert.Equal(ConfigFileAction.Disable, PermissionPolicy.CheckConfigFile(config with { Mode = (UnixFileMode)0b110_110_100 }, debian).Action);
        Assert.Equal(ConfigFileAction.Disable, PermissionPolicy.CheckConfigFile(config with { Uid = 1000 }, debian).Action);
    }
}
