using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Acl
    {
        internal const int TEXT_NUMERIC_IDS = 0x08;

        /// <summary>acl_from_text(3).</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_from_text", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial SafeAclHandle FromText(string text);

        /// <summary>acl_to_any_text(3): the result is freed with <see cref="Free"/>.</summary>
        [LibraryImport(Libraries.Acl, EntryPoint = "acl_to_any_text", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial IntPtr ToAnyText(SafeAclHandle acl, string? prefix, byte separator, int options);
    }
}
