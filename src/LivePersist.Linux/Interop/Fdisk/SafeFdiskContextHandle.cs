using System.Runtime.InteropServices;

namespace LivePersist.Linux.SafeHandles;

/// <summary>Owns a libfdisk <c>fdisk_context</c> (and the device it assigned).</summary>
internal sealed class SafeFdiskContextHandle : SafeHandle
{
    /// <summary>Creates an invalid handle; the marshaller sets it.</summary>
    public SafeFdiskContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a reference returned through an out-pointer.</summary>
    public SafeFdiskContextHandle(IntPtr existing)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(existing);
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Interop.Fdisk.UnrefContext(handle);
        return true;
    }
}
