using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    // The partlist, parttable and partition objects belong to the probe: never freed, valid until the
    // probe is freed or probes again. Strings they return belong to them too.
    internal static partial class Blkid
    {
        /// <summary>Reads the partition table (independently of the chains); null when there is none or on error.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_probe_get_partitions", SetLastError = true)]
        internal static partial IntPtr ProbeGetPartitions(SafeBlkidProbeHandle pr);

        /// <summary>The number of partitions in the list, or -1.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partlist_numof_partitions")]
        internal static partial int PartlistNumofPartitions(IntPtr ls);

        /// <summary>The top-level partition table of the list; null when none.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partlist_get_table")]
        internal static partial IntPtr PartlistGetTable(IntPtr ls);

        /// <summary>The <paramref name="n"/>-th partition of the list (not the partition number).</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partlist_get_partition")]
        internal static partial IntPtr PartlistGetPartition(IntPtr ls, int n);

        /// <summary>The table type, e.g. <c>gpt</c> or <c>dos</c>.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_parttable_get_type")]
        internal static partial IntPtr ParttableGetType(IntPtr tab);

        /// <summary>The GPT partition name (UTF-8); null when none.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partition_get_name")]
        internal static partial IntPtr PartitionGetName(IntPtr par);

        /// <summary>The GPT unique partition GUID (lower case); null when none.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partition_get_uuid")]
        internal static partial IntPtr PartitionGetUuid(IntPtr par);

        /// <summary>The type as a string: a lower-case GUID for GPT; null for MBR.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partition_get_type_string")]
        internal static partial IntPtr PartitionGetTypeString(IntPtr par);

        /// <summary>The MBR type code (0 for GPT).</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partition_get_type")]
        internal static partial int PartitionGetType(IntPtr par);

        /// <summary>The partition number as the kernel would number it, or -1.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partition_get_partno")]
        internal static partial int PartitionGetPartno(IntPtr par);

        /// <summary>The start, in 512-byte sectors whatever the disk's sector size.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partition_get_start")]
        internal static partial long PartitionGetStart(IntPtr par);

        /// <summary>The size, in 512-byte sectors whatever the disk's sector size.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_partition_get_size")]
        internal static partial long PartitionGetSize(IntPtr par);
    }
}
