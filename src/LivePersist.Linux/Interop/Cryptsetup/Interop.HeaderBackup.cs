using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary><c>crypt_header_backup</c>: header and keyslot areas to a new file. Returns 0 or -errno.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_header_backup", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int HeaderBackup(SafeCryptDeviceHandle cd, string? requestedType, string backupFile);

        /// <summary><c>crypt_header_restore</c>: writes a backup file back over the header. Returns 0 or -errno.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_header_restore", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int HeaderRestore(SafeCryptDeviceHandle cd, string? requestedType, string backupFile);
    }
}
