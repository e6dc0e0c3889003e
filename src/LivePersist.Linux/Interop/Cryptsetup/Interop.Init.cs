using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary><c>crypt_init</c>: a context for a device or an image file. Returns 0 or -errno.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_init", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Init(out SafeCryptDeviceHandle cd, string device);

        /// <summary><c>crypt_init_by_name</c>: a context for an active device-mapper mapping. Returns 0 or -errno.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_init_by_name", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int InitByName(out SafeCryptDeviceHandle cd, string name);

        /// <summary><c>crypt_free</c>; only for <see cref="SafeCryptDeviceHandle"/>.ReleaseHandle.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_free")]
        internal static partial void Free(IntPtr cd);
    }
}
