internal static partial class Interop
{
    /// <summary>Names of the native libraries we bind to (Debian 12 sonames).</summary>
    internal static class Libraries
    {
        internal const string Libc = "libc";
        internal const string Cryptsetup = "libcryptsetup.so.12";
        internal const string Acl = "libacl.so.1";
        internal const string Blkid = "libblkid.so.1";
        internal const string Fdisk = "libfdisk.so.1";
    }
}
