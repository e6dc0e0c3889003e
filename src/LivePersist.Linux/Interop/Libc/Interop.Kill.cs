using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>SIGTERM</c>: asks a process to stop (e2fsck and rsync stop cleanly on it).</summary>
        internal const int SIGTERM = 15;

        /// <summary>kill(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "kill", SetLastError = true)]
        internal static partial int Kill(int pid, int signal);
    }
}
