using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Acl
    {
        internal const int ACL_FIRST_ENTRY = 0;
        internal const int ACL_NEXT_ENTRY = 1;

        internal const int ACL_USER_OBJ = 0x01;
        internal const int ACL_USER = 0x02;
        internal const int ACL_GROUP_OBJ = 0x04;
        internal const int ACL_GROUP = 0x08;
        internal const int ACL_MASK = 0x10;
        internal const int ACL_OTHER = 0x20;

        /// <summary>acl_get_entry(3): 1 when an entry was returned, 0 at the end, -1 on error.</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_get_entry", SetLastError = true)]
        internal static partial int GetEntry(SafeAclHandle acl, int entryId, out IntPtr entry);

        /// <summary>acl_get_tag_type(3).</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_get_tag_type", SetLastError = true)]
        internal static partial int GetTagType(IntPtr entry, out int tag);

        /// <summary>acl_delete_entry(3).</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_delete_entry", SetLastError = true)]
        internal static partial int DeleteEntry(SafeAclHandle acl, IntPtr entry);

        /// <summary>acl_calc_mask(3).</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_calc_mask", SetLastError = true)]
        internal static partial int CalcMask(ref SafeAclHandle acl);

        /// <summary>acl_valid(3): 0 when the ACL is valid.</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_valid", SetLastError = true)]
        internal static partial int Valid(SafeAclHandle acl);
    }
}
