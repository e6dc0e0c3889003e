using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary><c>struct crypt_params_luks2</c> (libcryptsetup.h); every pointer may be null.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct CryptParamsLuks2
        {
            /// <summary><c>pbkdf</c>: null keeps what <c>crypt_set_pbkdf_type</c> set.</summary>
            public CryptPbkdfType* Pbkdf;

            /// <summary><c>integrity</c>: authenticated encryption algorithm, null for none.</summary>
            public byte* Integrity;

            /// <summary><c>integrity_params</c>.</summary>
            public void* IntegrityParams;

            /// <summary><c>data_alignment</c> in 512-byte sectors; 0 lets the library choose.</summary>
            public nuint DataAlignment;

            /// <summary><c>data_device</c>: detached data device, null when the header is on the same device.</summary>
            public byte* DataDevice;

            /// <summary><c>sector_size</c>: encryption sector size; 0 lets the library detect the optimal one.</summary>
            public uint SectorSize;

            /// <summary><c>label</c>.</summary>
            public byte* Label;

            /// <summary><c>subsystem</c>.</summary>
            public byte* Subsystem;
        }
    }
}
