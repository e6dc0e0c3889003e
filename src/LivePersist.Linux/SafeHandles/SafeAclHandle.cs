using System.Runtime.InteropServices;

namespace LivePersist.Linux.SafeHandles;

/// <summary>An <c>acl_t</c> from libacl, freed with <c>acl_free</c>.</summary>
internal sealed class SafeAclHandle : SafeHandle
{
    /// <summary>Creates an invalid handle; the interop marshaller sets the pointer.</summary>
    public SafeAclHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => Interop.Acl.Free(handle) == 0;
}
