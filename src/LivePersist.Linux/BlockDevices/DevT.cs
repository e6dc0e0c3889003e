using LivePersist.Core.Storage;

namespace LivePersist.Linux.BlockDevices;

/// <summary>glibc's <c>dev_t</c> encoding of a device number (<c>gnu_dev_makedev</c>), for <c>mknod(2)</c>.</summary>
internal static class DevT
{
    /// <summary>Encodes major and minor as glibc's <c>makedev</c> does.</summary>
    public static ulong MakeDev(DeviceNumber number)
    {
        ulong major = (uint)number.Major;
        ulong minor = (uint)number.Minor;
        return ((major & 0xfffff000UL) << 32) | ((major & 0x00000fffUL) << 8)
            | ((minor & 0xffffff00UL) << 12) | (minor & 0x000000ffUL);
    }
}
