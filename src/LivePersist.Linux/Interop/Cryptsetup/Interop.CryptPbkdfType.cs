using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary><c>struct crypt_pbkdf_type</c> (libcryptsetup.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct CryptPbkdfType
        {
            /// <summary><c>type</c>: "pbkdf2", "argon2i" or "argon2id" (NUL-terminated).</summary>
            public byte* Type;

            /// <summary><c>hash</c>: "sha256" etc.</summary>
            public byte* Hash;

            /// <summary><c>time_ms</c>: benchmark target; 0 with forced iterations.</summary>
            public uint TimeMs;

            /// <summary><c>iterations</c>: the time cost.</summary>
            public uint Iterations;

            /// <summary><c>max_memory_kb</c>: the Argon2 memory cost in KiB.</summary>
            public uint MaxMemoryKb;

            /// <summary><c>parallel_threads</c>: the Argon2 parallel cost.</summary>
            public uint ParallelThreads;

            /// <summary><c>flags</c>: <c>CRYPT_PBKDF_*</c>.</summary>
            public uint Flags;
        }
    }
}
