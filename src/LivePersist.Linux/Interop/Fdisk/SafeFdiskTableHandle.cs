using System.Runtime.InteropServices;

namespace LivePersist.Linux.SafeHandles;

/// <summary>Owns a libfdisk <c>fdisk_table</c> reference.</summary>
internal sealed class SafeFdiskTableHandle : SafeHandle
{
    /// <summary>Creates an invalid handle; the marshaller sets it.</summary>
    public SafeFdiskTableHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a reference returned through an out-pointer.</summary>
    public SafeFdiskTableHandle(IntPtr existing)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(existing);
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Interop.Fdisk.UnrefTable(handle);
        return true;
    }
}
