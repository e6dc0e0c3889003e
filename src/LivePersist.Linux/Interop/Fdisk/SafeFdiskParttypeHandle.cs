using System.Runtime.InteropServices;

namespace LivePersist.Linux.SafeHandles;

/// <summary>Owns a libfdisk <c>fdisk_parttype</c> reference (a no-op for the label's static types).</summary>
internal sealed class SafeFdiskParttypeHandle : SafeHandle
{
    /// <summary>Creates an invalid handle; the marshaller sets it.</summary>
    public SafeFdiskParttypeHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a reference returned through an out-pointer.</summary>
    public SafeFdiskParttypeHandle(IntPtr existing)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(existing);
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Interop.Fdisk.UnrefParttype(handle);
        return true;
    }
}
