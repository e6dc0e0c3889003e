using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Creates a device node; 0, or -1 with errno set. <paramref name="dev"/> is a glibc <c>dev_t</c> (see <c>makedev</c>).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "mknod", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int MkNod(string pathname, uint mode, ulong dev);
    }
}
