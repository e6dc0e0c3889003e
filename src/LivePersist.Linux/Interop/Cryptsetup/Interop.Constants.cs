internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        // Values from libcryptsetup.h; the contract test checks each against the installed header.

        /// <summary><c>CRYPT_LUKS1</c>.</summary>
        internal const string CRYPT_LUKS1 = "LUKS1";

        /// <summary><c>CRYPT_LUKS2</c>.</summary>
        internal const string CRYPT_LUKS2 = "LUKS2";

        /// <summary><c>CRYPT_ANY_SLOT</c>.</summary>
        internal const int CRYPT_ANY_SLOT = -1;

        /// <summary><c>CRYPT_ACTIVATE_READONLY</c>.</summary>
        internal const uint CRYPT_ACTIVATE_READONLY = 1u << 0;

        /// <summary><c>CRYPT_PBKDF_NO_BENCHMARK</c>: use the forced iterations as given.</summary>
        internal const uint CRYPT_PBKDF_NO_BENCHMARK = 1u << 1;

        /// <summary><c>CRYPT_LOG_NORMAL</c>.</summary>
        internal const int CRYPT_LOG_NORMAL = 0;

        /// <summary><c>CRYPT_LOG_ERROR</c>.</summary>
        internal const int CRYPT_LOG_ERROR = 1;

        /// <summary><c>CRYPT_LOG_VERBOSE</c>.</summary>
        internal const int CRYPT_LOG_VERBOSE = 2;

        /// <summary><c>CRYPT_LOG_DEBUG</c>.</summary>
        internal const int CRYPT_LOG_DEBUG = -1;

        /// <summary><c>CRYPT_WIPE_ZERO</c> (crypt_wipe_pattern).</summary>
        internal const int CRYPT_WIPE_ZERO = 0;

        /// <summary><c>CRYPT_SLOT_INVALID</c> (crypt_keyslot_info).</summary>
        internal const int CRYPT_SLOT_INVALID = 0;

        /// <summary><c>CRYPT_SLOT_INACTIVE</c>.</summary>
        internal const int CRYPT_SLOT_INACTIVE = 1;

        /// <summary><c>CRYPT_SLOT_ACTIVE</c>.</summary>
        internal const int CRYPT_SLOT_ACTIVE = 2;

        /// <summary><c>CRYPT_SLOT_ACTIVE_LAST</c>.</summary>
        internal const int CRYPT_SLOT_ACTIVE_LAST = 3;

        /// <summary><c>CRYPT_SLOT_UNBOUND</c>: a keyslot not bound to the data segment (LUKS2).</summary>
        internal const int CRYPT_SLOT_UNBOUND = 4;
    }
}
