using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary>
        /// <c>crypt_load</c>: reads the on-disk header. <paramref name="requestedType"/> null (<c>CRYPT_LUKS</c>)
        /// accepts any LUKS version. Returns 0 or -errno (-EINVAL when there is no header).
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_load", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Load(SafeCryptDeviceHandle cd, string? requestedType, IntPtr parameters);
    }
}
