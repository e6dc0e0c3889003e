using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Fdisk
    {
        /// <summary>
        /// Returns every used entry in a table; <paramref name="tb"/> must point to null so libfdisk
        /// allocates a new table (the caller then owns it); 0 or -errno.
        /// </summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_get_partitions")]
        internal static unsafe partial int GetPartitions(SafeFdiskContextHandle cxt, IntPtr* tb);

        /// <summary>Only for <see cref="SafeFdiskTableHandle.ReleaseHandle"/>.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_unref_table")]
        internal static partial void UnrefTable(IntPtr tb);

        /// <summary>The number of entries in the table.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_table_get_nents")]
        internal static partial nuint TableGetNents(SafeFdiskTableHandle tb);

        /// <summary>The <paramref name="n"/>-th entry, owned by the table; null past the end.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_table_get_partition")]
        internal static partial IntPtr TableGetPartition(SafeFdiskTableHandle tb, nuint n);

        /// <summary>1 when entry <paramref name="n"/> (zero-based) is used.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_is_partition_used")]
        internal static partial int IsPartitionUsed(SafeFdiskContextHandle cxt, nuint n);

        /// <summary>
        /// Reads entry <paramref name="partno"/> (zero-based); <paramref name="pa"/> must point to null so
        /// libfdisk allocates it (the caller then owns it); 0 or -errno.
        /// </summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_get_partition")]
        internal static unsafe partial int GetPartition(SafeFdiskContextHandle cxt, nuint partno, IntPtr* pa);
    }
}
