using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.Linux.Tests.Contracts;

public sealed class ConstantContractTests
{
    [Fact]
    public void FileConstants_Should_MatchSystemHeaders_When_CompiledOnThisArchitecture()
    {
        // Given
        List<string> assertions =
        [
            Equal("O_RDONLY", Interop.Libc.O_RDONLY),
            Equal("O_WRONLY", Interop.Libc.O_WRONLY),
            Equal("O_CREAT", Interop.Libc.O_CREAT),
            Equal("O_EXCL", Interop.Libc.O_EXCL),
            Equal("O_NOCTTY", Interop.Libc.O_NOCTTY),
            Equal("O_NONBLOCK", Interop.Libc.O_NONBLOCK),
            Equal("O_CLOEXEC", Interop.Libc.O_CLOEXEC),
            Equal("O_PATH", Interop.Libc.O_PATH),
            Equal("O_DIRECTORY", Interop.Libc.O_DIRECTORY),
            Equal("O_NOFOLLOW", Interop.Libc.O_NOFOLLOW),
            Equal("AT_FDCWD", Interop.Libc.AT_FDCWD),
            Equal("AT_SYMLINK_NOFOLLOW", Interop.Libc.AT_SYMLINK_NOFOLLOW),
            Equal("AT_REMOVEDIR", Interop.Libc.AT_REMOVEDIR),
            Equal("AT_NO_AUTOMOUNT", Interop.Libc.AT_NO_AUTOMOUNT),
            Equal("AT_EMPTY_PATH", Interop.Libc.AT_EMPTY_PATH),
            Equal("SYS_openat2", Interop.Libc.SYS_openat2),
            Equal("RESOLVE_NO_XDEV", Interop.Libc.RESOLVE_NO_XDEV),
            Equal("RESOLVE_NO_MAGICLINKS", Interop.Libc.RESOLVE_NO_MAGICLINKS),
            Equal("RESOLVE_NO_SYMLINKS", Interop.Libc.RESOLVE_NO_SYMLINKS),
            Equal("RESOLVE_BENEATH", Interop.Libc.RESOLVE_BENEATH),
            Equal("STATX_BASIC_STATS", Interop.Libc.STATX_BASIC_STATS),
            Equal("STATX_MNT_ID", Interop.Libc.STATX_MNT_ID),
            Equal("STATX_ATTR_MOUNT_ROOT", Interop.Libc.STATX_ATTR_MOUNT_ROOT),
            Equal("S_IFMT", Interop.Libc.S_IFMT),
            Equal("S_IFSOCK", Interop.Libc.S_IFSOCK),
            Equal("S_IFLNK", Interop.Libc.S_IFLNK),
            Equal("S_IFREG", Interop.Libc.S_IFREG),
            Equal("S_IFBLK", Interop.Libc.S_IFBLK),
            Equal("S_IFDIR", Interop.Libc.S_IFDIR),
            Equal("S_IFCHR", Interop.Libc.S_IFCHR),
            Equal("S_IFIFO", Interop.Libc.S_IFIFO),
            Equal("RENAME_NOREPLACE", Interop.Libc.RENAME_NOREPLACE),
            Equal("ST_RDONLY", Interop.Libc.ST_RDONLY),
            Equal("ST_NOSUID", Interop.Libc.ST_NOSUID),
            Equal("ST_NODEV", Interop.Libc.ST_NODEV),
            Equal("ST_NOEXEC", Interop.Libc.ST_NOEXEC),
            Equal("ST_NOATIME", Interop.Libc.ST_NOATIME),
            Equal("ST_NODIRATIME", Interop.Libc.ST_NODIRATIME),
            Equal("ST_RELATIME", Interop.Libc.ST_RELATIME),
        ];

        // When / Then
        CContract.AssertAll(assertions);
    }

    [Fact]
    public void MountConstants_Should_MatchSystemHeaders_When_CompiledAgainstSysMount()
    {
        // Given
        List<string> assertions =
        [
            Equal("MS_RDONLY", (uint)MountFlags.ReadOnly),
            Equal("MS_NOSUID", (uint)MountFlags.NoSuid),
            Equal("MS_NODEV", (uint)MountFlags.NoDev),
            Equal("MS_NOEXEC", (uint)MountFlags.NoExec),
            Equal("MS_NOSYMFOLLOW", (uint)MountFlags.NoSymFollow),
            Equal("MS_NOATIME", (uint)MountFlags.NoAtime),
            Equal("MS_NODIRATIME", (uint)MountFlags.NoDirAtime),
            Equal("MS_RELATIME", (uint)MountFlags.RelAtime),
            Equal("MS_STRICTATIME", (uint)MountFlags.StrictAtime),
            Equal("MOUNT_ATTR_RDONLY", Interop.Libc.MOUNT_ATTR_RDONLY),
            Equal("MOUNT_ATTR_NOSUID", Interop.Libc.MOUNT_ATTR_NOSUID),
            Equal("MOUNT_ATTR_NODEV", Interop.Libc.MOUNT_ATTR_NODEV),
            Equal("MOUNT_ATTR_NOEXEC", Interop.Libc.MOUNT_ATTR_NOEXEC),
            Equal("MOUNT_ATTR__ATIME", Interop.Libc.MOUNT_ATTR__ATIME),
            Equal("MOUNT_ATTR_RELATIME", Interop.Libc.MOUNT_ATTR_RELATIME),
            Equal("MOUNT_ATTR_NOATIME", Interop.Libc.MOUNT_ATTR_NOATIME),
            Equal("MOUNT_ATTR_STRICTATIME", Interop.Libc.MOUNT_ATTR_STRICTATIME),
            Equal("MOUNT_ATTR_NODIRATIME", Interop.Libc.MOUNT_ATTR_NODIRATIME),
            Equal("MOUNT_ATTR_NOSYMFOLLOW", Interop.Libc.MOUNT_ATTR_NOSYMFOLLOW),
            Equal("OPEN_TREE_CLONE", Interop.Libc.OPEN_TREE_CLONE),
            Equal("OPEN_TREE_CLOEXEC", Interop.Libc.OPEN_TREE_CLOEXEC),
            Equal("MOVE_MOUNT_F_EMPTY_PATH", Interop.Libc.MOVE_MOUNT_F_EMPTY_PATH),
            Equal("MOVE_MOUNT_T_EMPTY_PATH", Interop.Libc.MOVE_MOUNT_T_EMPTY_PATH),
            Equal("FSOPEN_CLOEXEC", Interop.Libc.FSOPEN_CLOEXEC),
            Equal("FSMOUNT_CLOEXEC", Interop.Libc.FSMOUNT_CLOEXEC),
            Equal("FSCONFIG_SET_FLAG", Interop.Libc.FSCONFIG_SET_FLAG),
            Equal("FSCONFIG_SET_STRING", Interop.Libc.FSCONFIG_SET_STRING),
            Equal("FSCONFIG_SET_FD", Interop.Libc.FSCONFIG_SET_FD),
            Equal("FSCONFIG_CMD_CREATE", Interop.Libc.FSCONFIG_CMD_CREATE),
            Equal("MNT_DETACH", Interop.Libc.MNT_DETACH),
            Equal("UMOUNT_NOFOLLOW", Interop.Libc.UMOUNT_NOFOLLOW),
        ];

        // When / Then
        CContract.AssertAll(assertions);
    }

    [Fact]
    public void SocketConstants_Should_MatchSystemHeaders_When_CompiledAgainstSysSocket()
    {
        // Given
        List<string> assertions =
        [
            Equal("SOL_SOCKET", Interop.Libc.SOL_SOCKET),
            Equal("SO_PEERCRED", Interop.Libc.SO_PEERCRED),
        ];

        // When / Then
        CContract.AssertAll(assertions);
    }

    private static string Equal(string macro, long value) => $"(long long)({macro}) == {value}LL";

    private static string Equal(string macro, ulong value) => $"(unsigned long long)({macro}) == {value}ULL";
}
