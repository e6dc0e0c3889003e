using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Blkid
    {
        internal const int BLKID_SUBLKS_LABEL = 1 << 1;
        internal const int BLKID_SUBLKS_UUID = 1 << 3;
        internal const int BLKID_SUBLKS_TYPE = 1 << 5;
        internal const int BLKID_SUBLKS_SECTYPE = 1 << 6;
        internal const int BLKID_SUBLKS_DEFAULT = BLKID_SUBLKS_LABEL | BLKID_SUBLKS_UUID | BLKID_SUBLKS_TYPE | BLKID_SUBLKS_SECTYPE;

        internal const int BLKID_PARTS_FORCE_GPT = 1 << 1;
        internal const int BLKID_PARTS_ENTRY_DETAILS = 1 << 2;
        internal const int BLKID_PARTS_MAGIC = 1 << 3;

        /// <summary>Turns the superblocks (file systems, LUKS, RAID) chain on or off; 0 or -1.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_probe_enable_superblocks")]
        internal static partial int ProbeEnableSuperblocks(SafeBlkidProbeHandle pr, int enable);

        /// <summary>Selects the <c>BLKID_SUBLKS_*</c> values the superblocks chain reports; 0 or -1.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_probe_set_superblocks_flags")]
        internal static partial int ProbeSetSuperblocksFlags(SafeBlkidProbeHandle pr, int flags);

        /// <summary>Turns the partitions chain on or off; 0 or -1.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_probe_enable_partitions")]
        internal static partial int ProbeEnablePartitions(SafeBlkidProbeHandle pr, int enable);

        /// <summary>Selects the <c>BLKID_PARTS_*</c> behaviour of the partitions chain; 0 or -1.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_probe_set_partitions_flags")]
        internal static partial int ProbeSetPartitionsFlags(SafeBlkidProbeHandle pr, int flags);

        /// <summary>Runs every enabled chain; 0 found, 1 nothing found, -2 ambivalent result, -1 error.</summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_do_safeprobe", SetLastError = true)]
        internal static partial int DoSafeprobe(SafeBlkidProbeHandle pr);

        /// <summary>
        /// Looks up a result value (<c>TYPE</c>, <c>LABEL</c>, <c>PTTYPE</c>, <c>PART_ENTRY_NAME</c>…); 0 and a
        /// NUL-terminated string owned by the probe, or -1 when the value is not set.
        /// </summary>
        [LibraryImport(Libraries.Blkid, EntryPoint = "blkid_probe_lookup_value", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int ProbeLookupValue(SafeBlkidProbeHandle pr, string name, out IntPtr data, out nuint len);
    }
}
