using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.SafeHandles;

/// <summary>
/// Owns a libcryptsetup <c>struct crypt_device *</c>. Releasing it calls <c>crypt_free</c>, which also
/// wipes the volume key and any other secret the context still holds.
/// </summary>
internal sealed class SafeCryptDeviceHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an invalid handle; the interop marshaller sets the native pointer.</summary>
    public SafeCryptDeviceHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        global::Interop.Cryptsetup.Free(handle);
        return true;
    }
}
