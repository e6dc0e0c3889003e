using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Xunit;

namespace LivePersist.Linux.Tests.Contracts;

public sealed class StructLayoutTests
{
    [Fact]
    public void Statx_Should_MatchKernelHeader_When_CompiledAgainstLinuxStat()
    {
        // Given
        List<string> assertions =
        [
            Size<Interop.Libc.Statx>("struct statx"),
            Size<Interop.Libc.StatxTimestamp>("struct statx_timestamp"),
            Offset<Interop.Libc.StatxTimestamp>("struct statx_timestamp", "tv_sec", nameof(Interop.Libc.StatxTimestamp.Seconds)),
            Offset<Interop.Libc.StatxTimestamp>("struct statx_timestamp", "tv_nsec", nameof(Interop.Libc.StatxTimestamp.Nanoseconds)),
            .. Offsets<Interop.Libc.Statx>(
                "struct statx",
                ("stx_mask", nameof(Interop.Libc.Statx.Mask)),
                ("stx_blksize", nameof(Interop.Libc.Statx.BlockSize)),
                ("stx_attributes", nameof(Interop.Libc.Statx.Attributes)),
                ("stx_nlink", nameof(Interop.Libc.Statx.LinkCount)),
                ("stx_uid", nameof(Interop.Libc.Statx.Uid)),
                ("stx_gid", nameof(Interop.Libc.Statx.Gid)),
                ("stx_mode", nameof(Interop.Libc.Statx.Mode)),
                ("stx_ino", nameof(Interop.Libc.Statx.Inode)),
                ("stx_size", nameof(Interop.Libc.Statx.Size)),
                ("stx_blocks", nameof(Interop.Libc.Statx.Blocks)),
                ("stx_attributes_mask", nameof(Interop.Libc.Statx.AttributesMask)),
                ("stx_atime", nameof(Interop.Libc.Statx.AccessTime)),
                ("stx_btime", nameof(Interop.Libc.Statx.BirthTime)),
                ("stx_ctime", nameof(Interop.Libc.Statx.ChangeTime)),
                ("stx_mtime", nameof(Interop.Libc.Statx.ModificationTime)),
                ("stx_rdev_major", nameof(Interop.Libc.Statx.RdevMajor)),
                ("stx_rdev_minor", nameof(Interop.Libc.Statx.RdevMinor)),
                ("stx_dev_major", nameof(Interop.Libc.Statx.DevMajor)),
                ("stx_dev_minor", nameof(Interop.Libc.Statx.DevMinor)),
                ("stx_mnt_id", nameof(Interop.Libc.Statx.MountId)),
                ("stx_dio_mem_align", nameof(Interop.Libc.Statx.DioMemAlign)),
                ("stx_dio_offset_align", nameof(Interop.Libc.Statx.DioOffsetAlign))),
        ];

        // When / Then
        CContract.AssertAll(assertions);
    }

    [Fact]
    public void OpenHow_Should_MatchKernelHeader_When_CompiledAgainstLinuxOpenat2()
    {
        // Given
        List<string> assertions =
        [
            Size<Interop.Libc.OpenHow>("struct open_how"),
            .. Offsets<Interop.Libc.OpenHow>(
                "struct open_how",
                ("flags", nameof(Interop.Libc.OpenHow.Flags)),
                ("mode", nameof(Interop.Libc.OpenHow.Mode)),
                ("resolve", nameof(Interop.Libc.OpenHow.Resolve))),
        ];

        // When / Then
        CContract.AssertAll(assertions);
    }

    [Fact]
    public void StatVfs_Should_MatchGlibcHeader_When_CompiledAgainstSysStatvfs()
    {
        // Given
        List<string> assertions =
        [
            Size<Interop.Libc.StatVfs>("struct statvfs"),
            .. Offsets<Interop.Libc.StatVfs>(
                "struct statvfs",
                ("f_bsize", nameof(Interop.Libc.StatVfs.BlockSize)),
                ("f_frsize", nameof(Interop.Libc.StatVfs.FragmentSize)),
                ("f_blocks", nameof(Interop.Libc.StatVfs.Blocks)),
                ("f_bfree", nameof(Interop.Libc.StatVfs.FreeBlocks)),
                ("f_bavail", nameof(Interop.Libc.StatVfs.AvailableBlocks)),
                ("f_files", nameof(Interop.Libc.StatVfs.Files)),
                ("f_ffree", nameof(Interop.Libc.StatVfs.FreeFiles)),
                ("f_favail", nameof(Interop.Libc.StatVfs.AvailableFiles)),
                ("f_fsid", nameof(Interop.Libc.StatVfs.FileSystemId)),
                ("f_flag", nameof(Interop.Libc.StatVfs.Flags)),
                ("f_namemax", nameof(Interop.Libc.StatVfs.MaxNameLength))),
        ];

        // When / Then
        CContract.AssertAll(assertions);
    }

    [Fact]
    public void Dirent64_Should_MatchGlibcHeader_When_CompiledAgainstDirent()
    {
        // Given
        List<string> assertions =
        [
            $"offsetof(struct dirent64, d_name) == {Interop.Libc.DirentNameOffset}",
            .. Offsets<Interop.Libc.Dirent64Head>(
                "struct dirent64",
                ("d_ino", nameof(Interop.Libc.Dirent64Head.Inode)),
                ("d_off", nameof(Interop.Libc.Dirent64Head.Offset)),
                ("d_reclen", nameof(Interop.Libc.Dirent64Head.RecordLength)),
                ("d_type", nameof(Interop.Libc.Dirent64Head.Type))),
        ];

        // When / Then
        CContract.AssertAll(assertions);
    }

    [Fact]
    public void MountAttr_Should_MatchGlibcHeader_When_CompiledAgainstSysMount()
    {
        // Given
        List<string> assertions =
        [
            Size<Interop.Libc.MountAttr>("struct mount_attr"),
            .. Offsets<Interop.Libc.MountAttr>(
                "struct mount_attr",
                ("attr_set", nameof(Interop.Libc.MountAttr.AttrSet)),
                ("attr_clr", nameof(Interop.Libc.MountAttr.AttrClear)),
                ("propagation", nameof(Interop.Libc.MountAttr.Propagation)),
                ("userns_fd", nameof(Interop.Libc.MountAttr.UserNamespaceFd))),
        ];

        // When / Then
        CContract.AssertAll(assertions);
    }

    [Fact]
    public void UCred_Should_MatchGlibcHeader_When_CompiledAgainstSysSocket()
    {
        // Given
        List<string> assertions =
        [
            Size<Interop.Libc.UCred>("struct ucred"),
            .. Offsets<Interop.Libc.UCred>(
                "struct ucred",
                ("pid", nameof(Interop.Libc.UCred.Pid)),
                ("uid", nameof(Interop.Libc.UCred.Uid)),
                ("gid", nameof(Interop.Libc.UCred.Gid))),
            "sizeof(((struct ucred *)0)->pid) == sizeof(int)",
            "sizeof(((struct ucred *)0)->uid) == sizeof(unsigned int)",
            "sizeof(((struct ucred *)0)->gid) == sizeof(unsigned int)",
        ];

        // When / Then
        CContract.AssertAll(assertions);
    }

    private static string Size<T>(string cType)
        where T : struct => $"sizeof({cType}) == {Unsafe.SizeOf<T>()}";

    private static string Offset<T>(string cType, string cField, string managedField)
        where T : struct => $"offsetof({cType}, {cField}) == {Marshal.OffsetOf<T>(managedField)}";

    private static IEnumerable<string> Offsets<T>(string cType, params (string CField, string ManagedField)[] fields)
        where T : struct => fields.Select(field => Offset<T>(cType, field.CField, field.ManagedField));
}
