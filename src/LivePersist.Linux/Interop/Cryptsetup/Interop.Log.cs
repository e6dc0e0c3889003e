using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary><c>crypt_set_log_callback</c> for one context.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_set_log_callback")]
        internal static unsafe partial void SetLogCallback(
            SafeCryptDeviceHandle cd, delegate* unmanaged<int, byte*, IntPtr, void> log, IntPtr userPointer);

        /// <summary>
        /// <c>crypt_set_log_callback</c> with a null context: the default callback, used by calls made before a
        /// context exists (crypt_init). The only reason this overload takes a raw pointer.
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_set_log_callback")]
        internal static unsafe partial void SetLogCallback(
            IntPtr cd, delegate* unmanaged<int, byte*, IntPtr, void> log, IntPtr userPointer);
    }
}
