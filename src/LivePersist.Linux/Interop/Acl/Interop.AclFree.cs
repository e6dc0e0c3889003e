using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Acl
    {
        /// <summary>acl_free(3): frees an ACL or a text returned by libacl.</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_free", SetLastError = true)]
        internal static partial int Free(IntPtr obj);
    }
}
