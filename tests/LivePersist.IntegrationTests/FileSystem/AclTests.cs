using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.FileSystem;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace LivePersist.IntegrationTests.FileSystem;

public sealed class AclTests
{
    private const string VolumeRootAcl = "user::rwx,user:1000:--x,group::rwx,mask::rwx,other::---";

    [Fact]
    public void SetAccessAcl_Should_MatchGetfacl_When_SettingTheVolumeRootAcl()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("volume"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        Acl.SetAccessAcl(root, "volume", VolumeRootAcl);
        string text = Acl.GetAccessAclText(root, "volume");

        // Then
        Assert.Equal(VolumeRootAcl, text);
        Assert.Equal(VolumeRootAcl, Getfacl(scratch.Combine("volume")));
        Assert.True(Acl.HasExtendedAcl(root, "volume"));
    }

    [Fact]
    public void SetAccessAcl_Should_ComputeMask_When_TextHasNoMask()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("file"), "x");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        Acl.SetAccessAcl(root, "file", "u::rw-,u:1000:r--,g::---,o::---");

        // Then
        Assert.Equal("user::rw-,user:1000:r--,group::---,mask::r--,other::---", Getfacl(scratch.Combine("file")));
    }

    [Fact]
    public void SetAccessAcl_Should_ThrowArgumentException_When_TextIsNotAnAcl()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("file"), "x");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When / Then
        Assert.Throws<ArgumentException>(() => Acl.SetAccessAcl(root, "file", "user:nobody-such-user-xyz:rwx"));
    }

    [Fact]
    public void HasExtendedAcl_Should_DistinguishBaseDefaultAndExtended_When_Checking()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("plain"), "x");
        Directory.CreateDirectory(scratch.Combine("with-default"));
        Tool.Run("setfacl", "-d", "-m", "u:1000:rx", scratch.Combine("with-default"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        bool plain = Acl.HasExtendedAcl(root, "plain");
        bool withDefault = Acl.HasExtendedAcl(root, "with-default");

        // Then
        Assert.False(plain);
        Assert.True(withDefault);
        Assert.Equal("user::rw-,group::r--,other::r--", Acl.GetAccessAclText(root, "plain"));
    }

    [Fact]
    public void RemoveExtendedAcl_Should_KeepBaseEntries_When_AccessAndDefaultAclsExist()
    {
        // Given: group::r-x with a wider mask, and a default ACL.
        Requires.Root();
        using ScratchDirectory scratch = new();
        string volume = scratch.Combine("volume");
        Directory.CreateDirectory(volume);
        Tool.Run("setfacl", "--set", "u::rwx,u:1000:rwx,g::r-x,m::rwx,o::---", volume);
        Tool.Run("setfacl", "-d", "-m", "u:1000:rx", volume);
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        Acl.RemoveExtendedAcl(root, "volume");

        // Then
        Assert.False(Acl.HasExtendedAcl(root, "volume"));
        Assert.Equal(string.Empty, Tool.Run("getfacl", "--omit-header", "--skip-base", volume).Trim());
        Assert.Equal("user::rwx,group::r-x,other::---", Getfacl(volume));
        Assert.Equal("750", Inspect.Mode(volume));
    }

    [Fact]
    public void GetAccessAclText_Should_ThrowSymlinkInPath_When_HandleIsSymlink()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.CreateSymbolicLink(scratch.Combine("link"), "/etc/shadow");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle link = root.OpenPath("link");

        // When / Then
        Assert.Throws<UnsafePathException>(() => Acl.SetAccessAcl(link, VolumeRootAcl));
        Assert.Throws<UnsafePathException>(() => Acl.GetAccessAclText(link));
    }

    private static string Getfacl(string path) =>
        string.Join(',', Tool.Run("getfacl", "--omit-header", "--numeric", "--no-effective", path)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries));
}
