using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Fdisk
    {
        /// <summary>Adds an entry to the in-memory table; its zero-based index in <paramref name="partno"/>; 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_add_partition")]
        internal static partial int AddPartition(SafeFdiskContextHandle cxt, SafeFdiskPartitionHandle pa, out nuint partno);

        /// <summary>Clears entry <paramref name="partno"/> (zero-based) in the in-memory table; 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_delete_partition")]
        internal static partial int DeletePartition(SafeFdiskContextHandle cxt, nuint partno);

        /// <summary>Writes the in-memory table to the device (GPT: backup, then primary, then the protective MBR); 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_write_disklabel")]
        internal static partial int WriteDisklabel(SafeFdiskContextHandle cxt);

        /// <summary>
        /// Tells the kernel about the entries that differ from <paramref name="org"/> with BLKPG ioctls
        /// (add, delete, resize one partition), never BLKRRPART. Failures are only reported through the
        /// ask callback; returns -errno only when it could not compare the tables.
        /// </summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_reread_changes")]
        internal static partial int RereadChanges(SafeFdiskContextHandle cxt, SafeFdiskTableHandle org);
    }
}
