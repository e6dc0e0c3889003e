using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    // libfdisk returns 0 or a negative errno; nothing below sets errno for us to read.
    internal static partial class Fdisk
    {
        /// <summary>Allocates a context with every label driver; invalid on ENOMEM.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_new_context")]
        internal static partial SafeFdiskContextHandle NewContext();

        /// <summary>Only for <see cref="SafeFdiskContextHandle.ReleaseHandle"/>.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_unref_context")]
        internal static partial void UnrefContext(IntPtr cxt);

        /// <summary>Opens the device (O_RDONLY or O_RDWR), reads its geometry and probes the label; 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_assign_device", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int AssignDevice(SafeFdiskContextHandle cxt, string fname, int readOnly);

        /// <summary>fsync()s (read-write only) and closes the device; <paramref name="noSync"/> = 1 skips the global sync(); 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_deassign_device")]
        internal static partial int DeassignDevice(SafeFdiskContextHandle cxt, int noSync);

        /// <summary>1 disables dialogs (libfdisk then fails instead of asking); 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_disable_dialogs")]
        internal static partial int DisableDialogs(SafeFdiskContextHandle cxt, int disable);

        /// <summary>0 disables wiping of signatures on the whole device when writing (the default); 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_enable_wipe")]
        internal static partial int EnableWipe(SafeFdiskContextHandle cxt, int enable);

        /// <summary>The logical sector size in bytes.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_get_sector_size")]
        internal static partial nuint GetSectorSize(SafeFdiskContextHandle cxt);

        /// <summary>The device size in logical sectors.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_get_nsectors")]
        internal static partial ulong GetNSectors(SafeFdiskContextHandle cxt);
    }
}
