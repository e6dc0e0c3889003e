using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.Linux.Tests.Mounts;

public sealed class MountFlagsMappingTests
{
    [Fact]
    public void ToAttributes_Should_SetRestrictions_When_FlagsAskForThem()
    {
        // Given
        MountFlags flags = MountFlags.ReadOnly | MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec;

        // When
        (ulong set, ulong clear) = Mounter.ToAttributes(flags);

        // Then
        Assert.Equal(
            Interop.Libc.MOUNT_ATTR_RDONLY | Interop.Libc.MOUNT_ATTR_NOSUID | Interop.Libc.MOUNT_ATTR_NODEV | Interop.Libc.MOUNT_ATTR_NOEXEC,
            set);
        Assert.Equal(0UL, clear);
    }

    [Fact]
    public void ToAttributes_Should_ClearAtimeField_When_AnAtimeModeIsGiven()
    {
        // Given / When
        (ulong set, ulong clear) = Mounter.ToAttributes(MountFlags.NoAtime | MountFlags.NoDev);

        // Then
        Assert.Equal(Interop.Libc.MOUNT_ATTR_NOATIME | Interop.Libc.MOUNT_ATTR_NODEV, set);
        Assert.Equal(Interop.Libc.MOUNT_ATTR__ATIME, clear);
    }

    [Fact]
    public void ToAttributes_Should_Throw_When_TwoAtimeModesAreGiven()
    {
        // Given / When / Then
        Assert.Throws<ArgumentException>(() => Mounter.ToAttributes(MountFlags.NoAtime | MountFlags.StrictAtime));
    }

    [Fact]
    public void ToAttributes_Should_Throw_When_FlagIsNotAPerMountFlag()
    {
        // Given: MS_BIND (0x1000) is not a flag callers may pass.
        MountFlags bind = (MountFlags)0x1000;

        // When / Then
        Assert.Throws<ArgumentException>(() => Mounter.ToAttributes(bind));
    }

    [Fact]
    public void ToStatVfsFlags_Should_MapEachFlag_When_Verifying()
    {
        // Given / When
        ulong expected = Mounter.ToStatVfsFlags(MountFlags.ReadOnly | MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoSymFollow | MountFlags.NoAtime);

        // Then
        Assert.Equal(
            Interop.Libc.ST_RDONLY | Interop.Libc.ST_NOSUID | Interop.Libc.ST_NODEV | Interop.Libc.ST_NOSYMFOLLOW | Interop.Libc.ST_NOATIME,
            expected);
    }
}
