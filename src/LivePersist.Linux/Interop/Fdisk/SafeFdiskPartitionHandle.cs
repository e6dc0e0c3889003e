using System.Runtime.InteropServices;

namespace LivePersist.Linux.SafeHandles;

/// <summary>Owns a libfdisk <c>fdisk_partition</c> reference.</summary>
internal sealed class SafeFdiskPartitionHandle : SafeHandle
{
    /// <summary>Creates an invalid handle; the marshaller sets it.</summary>
    public SafeFdiskPartitionHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a reference returned through an out-pointer.</summary>
    public SafeFdiskPartitionHandle(IntPtr existing)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(existing);
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Interop.Fdisk.UnrefPartition(handle);
        return true;
    }
}
