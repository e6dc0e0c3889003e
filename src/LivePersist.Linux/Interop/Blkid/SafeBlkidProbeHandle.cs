using System.Runtime.InteropServices;

namespace LivePersist.Linux.SafeHandles;

/// <summary>Owns a libblkid <c>blkid_probe</c> (and the file descriptor it opened).</summary>
internal sealed class SafeBlkidProbeHandle : SafeHandle
{
    /// <summary>Creates an invalid handle; the marshaller sets it.</summary>
    public SafeBlkidProbeHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Interop.Blkid.FreeProbe(handle);
        return true;
    }
}
