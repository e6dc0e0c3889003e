using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    // fdisk_label objects belong to the context: never freed.
    internal static partial class Fdisk
    {
        internal const int FDISK_DISKLABEL_DOS = 1 << 1;
        internal const int FDISK_DISKLABEL_GPT = 1 << 5;

        internal const int GPT_LABELITEM_FIRSTLBA = 8;
        internal const int GPT_LABELITEM_LASTLBA = 9;
        internal const int GPT_LABELITEM_ALTLBA = 10;

        /// <summary>The label driver named <paramref name="name"/> (<c>gpt</c>, <c>dos</c>), or the current one when null.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_get_label", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr GetLabel(SafeFdiskContextHandle cxt, string? name);

        /// <summary>1 when the device has a partition table libfdisk recognised.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_has_label")]
        internal static partial int HasLabel(SafeFdiskContextHandle cxt);

        /// <summary>1 when the current label is of type <paramref name="id"/> (<c>FDISK_DISKLABEL_*</c>).</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_is_labeltype")]
        internal static partial int IsLabelType(SafeFdiskContextHandle cxt, int id);

        /// <summary>The label driver's name (<c>gpt</c>, <c>dos</c>), owned by the label.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_label_get_name")]
        internal static partial IntPtr LabelGetName(IntPtr lb);

        /// <summary>1 when the in-memory label differs from the disk (libfdisk repaired something while probing, or we changed it).</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_label_is_changed")]
        internal static partial int LabelIsChanged(IntPtr lb);

        /// <summary>1 stops the GPT driver from moving a misplaced backup header while probing.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_gpt_disable_relocation")]
        internal static partial void GptDisableRelocation(IntPtr lb, int disable);

        /// <summary>Allocates a label item for <see cref="GetDisklabelItem"/>.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_new_labelitem")]
        internal static partial SafeFdiskLabelItemHandle NewLabelItem();

        /// <summary>Only for <see cref="SafeFdiskLabelItemHandle.ReleaseHandle"/>.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_unref_labelitem")]
        internal static partial void UnrefLabelItem(IntPtr li);

        /// <summary>Reads a header field (<c>GPT_LABELITEM_*</c>) into <paramref name="item"/>; 0, 1 or 2 when unsupported, or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_get_disklabel_item")]
        internal static partial int GetDisklabelItem(SafeFdiskContextHandle cxt, int id, SafeFdiskLabelItemHandle item);

        /// <summary>The item's value as a number; 0 or -errno.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_labelitem_get_data_u64")]
        internal static partial int LabelItemGetDataU64(SafeFdiskLabelItemHandle li, out ulong data);
    }
}
