using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Fdisk
    {
        /// <summary>Allocates an empty partition description (everything undefined).</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_new_partition")]
        internal static partial SafeFdiskPartitionHandle NewPartition();

        /// <summary>Only for <see cref="SafeFdiskPartitionHandle.ReleaseHandle"/>.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_unref_partition")]
        internal static partial void UnrefPartition(IntPtr pa);

        /// <summary>Sets the first sector; 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_set_start")]
        internal static partial int PartitionSetStart(SafeFdiskPartitionHandle pa, ulong start);

        /// <summary>Sets the size in sectors; 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_set_size")]
        internal static partial int PartitionSetSize(SafeFdiskPartitionHandle pa, ulong size);

        /// <summary>1 makes the size exact: libfdisk then does not align the end; 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_size_explicit")]
        internal static partial int PartitionSizeExplicit(SafeFdiskPartitionHandle pa, int enable);

        /// <summary>1 takes the first unused entry instead of asking for a number; 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_partno_follow_default")]
        internal static partial int PartitionPartnoFollowDefault(SafeFdiskPartitionHandle pa, int enable);

        /// <summary>Sets the GPT name; 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_set_name", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int PartitionSetName(SafeFdiskPartitionHandle pa, string name);

        /// <summary>Sets the type (the partition takes its own reference); 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_set_type")]
        internal static partial int PartitionSetType(SafeFdiskPartitionHandle pa, SafeFdiskParttypeHandle type);

        /// <summary>The zero-based entry index.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_get_partno")]
        internal static partial nuint PartitionGetPartno(IntPtr pa);

        /// <summary>The first sector.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_get_start")]
        internal static partial ulong PartitionGetStart(IntPtr pa);

        /// <summary>The size in sectors.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_get_size")]
        internal static partial ulong PartitionGetSize(IntPtr pa);

        /// <summary>The GPT name, owned by the partition; null when none.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_get_name")]
        internal static partial IntPtr PartitionGetName(IntPtr pa);

        /// <summary>The unique partition GUID, owned by the partition; null when none.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_get_uuid")]
        internal static partial IntPtr PartitionGetUuid(IntPtr pa);

        /// <summary>The type, owned by the partition; null when none.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_get_type")]
        internal static partial IntPtr PartitionGetType(IntPtr pa);

        /// <summary>1 when the description is a used entry.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_partition_is_used")]
        internal static partial int PartitionIsUsed(IntPtr pa);

        /// <summary>Parses a type (a GUID for GPT) for the label; the label's own entry or a new "unknown" one; invalid on error.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_label_parse_parttype", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial SafeFdiskParttypeHandle LabelParseParttype(IntPtr lb, string str);

        /// <summary>Only for <see cref="SafeFdiskParttypeHandle.ReleaseHandle"/>.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_unref_parttype")]
        internal static partial void UnrefParttype(IntPtr t);

        /// <summary>The type string (the GUID for GPT), owned by the type; null when none.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_parttype_get_string")]
        internal static partial IntPtr ParttypeGetString(IntPtr t);
    }
}
