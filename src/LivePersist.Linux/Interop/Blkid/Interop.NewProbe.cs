using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Blkid
    {
        /// <summary>Opens <paramref name="filename"/> read-only and returns a probe; invalid with errno set on failure.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_new_probe_from_filename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial SafeBlkidProbeHandle NewProbeFromFilename(string filename);

        /// <summary>Only for <see cref="SafeBlkidProbeHandle.ReleaseHandle"/>.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_free_probe")]
        internal static partial void FreeProbe(IntPtr pr);
    }
}
