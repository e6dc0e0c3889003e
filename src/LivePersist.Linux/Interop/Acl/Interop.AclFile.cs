using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Acl
    {
        internal const uint ACL_TYPE_ACCESS = 0x8000;
        internal const uint ACL_TYPE_DEFAULT = 0x4000;

        /// <summary>acl_get_file(3); follows the last path component (callers pass <c>/proc/self/fd/N</c>).</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_get_file", SetLastError = true)]
        internal static unsafe partial SafeAclHandle GetFile(byte* path, uint type);

        /// <summary>acl_set_file(3).</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_set_file", SetLastError = true)]
        internal static unsafe partial int SetFile(byte* path, uint type, SafeAclHandle acl);

        /// <summary>acl_extended_file(3): 1 if the object has an extended access ACL or a default ACL.</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_extended_file", SetLastError = true)]
        internal static unsafe partial int ExtendedFile(byte* path);

        /// <summary>acl_delete_def_file(3): removes a directory's default ACL.</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_delete_def_file", SetLastError = true)]
        internal static unsafe partial int DeleteDefaultFile(byte* path);
    }
}
