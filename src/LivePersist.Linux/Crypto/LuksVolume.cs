using System.Runtime.InteropServices;
using System.Text;
using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Linux.SafeHandles;

namespace LivePersist.Linux.Crypto;

/// <summary>
/// A LUKS volume on a block device or image file, through libcryptsetup: format it as Tails does, read its header,
/// test or change a passphrase, upgrade LUKS1 to LUKS2/Argon2id, back up, restore or destroy its header, and
/// open or close its dm-crypt mapping. Passphrases are taken as bytes and never copied into managed strings.
/// </summary>
public sealed unsafe partial class LuksVolume : IDisposable
{
    /// <summary>The hash cryptsetup uses by default for PBKDF2, the AF splitter and the digest.</summary>
    private const string DefaultHash = "sha256";

    private static readonly byte[] s_emptyPassphrase = [0];

    /// <summary>"LUKS" 0xBA 0xBE, at offset 0 of LUKS1 and LUKS2 primary headers.</summary>
    private static ReadOnlySpan<byte> LuksMagic => [(byte)'L', (byte)'U', (byte)'K', (byte)'S', 0xBA, 0xBE];

    private SafeCryptDeviceHandle _cd;

    private LuksVolume(string devicePath, SafeCryptDeviceHandle cd)
    {
        DevicePath = devicePath;
        _cd = cd;
    }

    /// <summary>The device or image file.</summary>
    public string DevicePath { get; }

    /// <summary>The header version.</summary>
    public LuksType Type => ParseType(GetString(Interop.Cryptsetup.GetDeviceType(Handle)), DevicePath);

    /// <summary>The volume UUID (what <c>blkid</c> reports as UUID).</summary>
    public string Uuid => GetString(Interop.Cryptsetup.GetUuid(Handle)) ?? string.Empty;

    /// <summary>The data cipher, e.g. "aes".</summary>
    public string Cipher => GetString(Interop.Cryptsetup.GetCipher(Handle)) ?? string.Empty;

    /// <summary>The cipher mode, e.g. "xts-plain64".</summary>
    public string CipherMode => GetString(Interop.Cryptsetup.GetCipherMode(Handle)) ?? string.Empty;

    /// <summary>The volume key size in bits (512 for aes-xts-plain64 with AES-256).</summary>
    public int VolumeKeyBits => Interop.Cryptsetup.GetVolumeKeySize(Handle) * 8;

    /// <summary>Where the encrypted data starts, in bytes: everything before it is header and keyslots.</summary>
    public long DataOffsetBytes => checked((long)Interop.Cryptsetup.GetDataOffset(Handle) * 512);

    /// <summary>The encryption sector size in bytes.</summary>
    public int SectorSize => Interop.Cryptsetup.GetSectorSize(Handle);

    /// <summary>The active keyslots bound to the data, with their KDF costs (unbound or unreadable ones are left out).</summary>
    public IReadOnlyList<LuksKeyslot> Keyslots
    {
        get
        {
            LuksType type = Type;
            int count = Interop.Cryptsetup.KeyslotMax(type == LuksType.Luks1 ? Interop.Cryptsetup.CRYPT_LUKS1 : Interop.Cryptsetup.CRYPT_LUKS2);
            List<LuksKeyslot> keyslots = [];
            for (int index = 0; index < count; index++)
            {
                int status = Interop.Cryptsetup.KeyslotStatus(Handle, index);
                if (status is not (Interop.Cryptsetup.CRYPT_SLOT_ACTIVE or Interop.Cryptsetup.CRYPT_SLOT_ACTIVE_LAST))
                {
                    continue;
                }

                Interop.Cryptsetup.CryptPbkdfType pbkdf = default;
                if (Interop.Cryptsetup.KeyslotGetPbkdf(Handle, index, &pbkdf) < 0 || pbkdf.Iterations == 0)
                {
                    continue;
                }

                KdfAlgorithm? algorithm = GetString(pbkdf.Type) switch
                {
                    "pbkdf2" => KdfAlgorithm.Pbkdf2,
                    "argon2i" => KdfAlgorithm.Argon2i,
                    "argon2id" => KdfAlgorithm.Argon2id,
                    _ => null,
                };
                if (algorithm is KdfAlgorithm known)
                {
                    KdfParameters kdf = new(known, (int)pbkdf.Iterations, (int)pbkdf.MaxMemoryKb, (int)pbkdf.ParallelThreads);
                    keyslots.Add(new LuksKeyslot(index, type, kdf));
                }
            }

            return keyslots;
        }
    }

    private SafeCryptDeviceHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_cd.IsClosed, this);
            return _cd;
        }
    }

    /// <summary>Opens an existing LUKS1 or LUKS2 volume (reads its header).</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Failed"/> when the device holds no LUKS header.</exception>
    public static LuksVolume Open(string devicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        CryptsetupLog.Clear();
        return new LuksVolume(devicePath, LoadContext(devicePath));
    }

    /// <summary>Whether <paramref name="devicePath"/> holds a LUKS header that libcryptsetup can load.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public static bool IsLuks(string devicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        EnsureExists(devicePath);
        CryptsetupLog.EnsureRegistered();
        CryptsetupLog.Clear();
        int result = Interop.Cryptsetup.Init(out SafeCryptDeviceHandle cd, devicePath);
        using (cd)
        {
            bool isLuks = result == 0 && Interop.Cryptsetup.Load(cd, null, IntPtr.Zero) == 0;
            CryptsetupLog.Clear();
            return isLuks;
        }
    }

    /// <summary>
    /// Whether <paramref name="passphrase"/> opens a keyslot (the volume is not activated). A wrong passphrase gives
    /// false; any other failure throws.
    /// </summary>
    public bool TestPassphrase(ReadOnlySpan<byte> passphrase)
    {
        CryptsetupLog.Clear();
        int result;
        fixed (byte* secret = NonNull(passphrase))
        {
            result = Interop.Cryptsetup.ActivateByPassphrase(
                Handle, null, Interop.Cryptsetup.CRYPT_ANY_SLOT, secret, (nuint)passphrase.Length, 0);
        }

        if (IsWrongPassphrase(result))
        {
            CryptsetupLog.Clear();
            return false;
        }

        Interop.CheckCrypt(result, DevicePath, "Checking the passphrase");
        return true;
    }

    /// <summary>Frees the libcryptsetup context (which wipes what it holds in memory).</summary>
    public void Dispose() => _cd.Dispose();

    /// <summary>crypt_init with our log callback attached.</summary>
    private static SafeCryptDeviceHandle CreateContext(string devicePath)
    {
        EnsureExists(devicePath);
        CryptsetupLog.EnsureRegistered();
        int result = Interop.Cryptsetup.Init(out SafeCryptDeviceHandle cd, devicePath);
        if (result < 0)
        {
            cd.Dispose();
            if (result == -(int)Interop.Errno.ENOTBLK)
            {
                CryptsetupLog.Clear();
                throw new PersistenceException(ErrorKind.Failed, $"'{devicePath}' is neither a block device nor an image file.");
            }

            Interop.CheckCrypt(result, devicePath, "Opening the device");
        }

        CryptsetupLog.Attach(cd);
        return cd;
    }

    private static void EnsureExists(string devicePath)
    {
        if (!File.Exists(devicePath))
        {
            throw new FileNotFoundException($"'{devicePath}' does not exist (or is a directory).", devicePath);
        }
    }

    /// <summary>Whether the device starts with the LUKS magic (both versions: "LUKS" 0xBA 0xBE).</summary>
    private static bool StartsWithLuksMagic(string devicePath)
    {
        Span<byte> magic = stackalloc byte[6];
        using FileStream stream = new(devicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        return stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length
            && magic.SequenceEqual(LuksMagic);
    }

    /// <summary>crypt_init and crypt_load of any LUKS version.</summary>
    private static SafeCryptDeviceHandle LoadContext(string devicePath)
    {
        SafeCryptDeviceHandle cd = CreateContext(devicePath);
        try
        {
            int result = Interop.Cryptsetup.Load(cd, null, IntPtr.Zero);

            // Without the magic it is simply not LUKS (libcryptsetup says EINVAL, or EIO for a tiny file). With the
            // magic, the error is about a damaged header or a failing device, and is reported as such.
            if (result < 0 && !StartsWithLuksMagic(devicePath))
            {
                throw NotLuks(devicePath, CryptsetupLog.TakeErrors());
            }

            Interop.CheckCrypt(result, devicePath, "Reading the LUKS header");
            _ = ParseType(GetString(Interop.Cryptsetup.GetDeviceType(cd)), devicePath);
            return cd;
        }
        catch
        {
            cd.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the context by a fresh load of the on-disk header.</summary>
    private void Reload()
    {
        SafeCryptDeviceHandle fresh = LoadContext(DevicePath);
        _cd.Dispose();
        _cd = fresh;
    }

    private static PersistenceException NotLuks(string devicePath, string? libraryMessage) => new(
        ErrorKind.Failed,
        $"'{devicePath}' is not a LUKS encrypted volume: no valid LUKS header was found"
        + (libraryMessage is null ? "." : $" ({libraryMessage})."));

    private static PersistenceException WrongPassphrase(string devicePath) => new(
        ErrorKind.WrongPassphrase,
        $"The passphrase does not unlock '{devicePath}'. Check the keyboard layout and Caps Lock, then try again.");

    /// <summary>-EPERM: no keyslot accepts it; -ENOENT: no usable keyslot at all. Both mean "not this passphrase".</summary>
    private static bool IsWrongPassphrase(int result) =>
        result == -(int)Interop.Errno.EPERM || result == -(int)Interop.Errno.ENOENT;

    /// <summary>A non-null pointer for an empty span: libcryptsetup refuses a null passphrase.</summary>
    private static ReadOnlySpan<byte> NonNull(ReadOnlySpan<byte> passphrase) => passphrase.IsEmpty ? s_emptyPassphrase : passphrase;

    /// <summary>Refuses a device that a dm-crypt mapping (or anything else in the kernel) holds.</summary>
    private static void EnsureNotHeld(string devicePath)
    {
        IReadOnlyList<string> holders = BlockDeviceHolders.Of(devicePath);
        if (holders.Count > 0)
        {
            throw new PersistenceException(
                ErrorKind.Busy,
                $"'{devicePath}' is in use by {string.Join(", ", holders)} (it is probably unlocked): lock it first, then try again.");
        }
    }

    /// <summary>Sets the KDF for the next keyslot written, with forced iterations and no benchmark, as the CLI does.</summary>
    private static int SetPbkdf(SafeCryptDeviceHandle cd, KdfParameters kdf, string hash)
    {
        ReadOnlySpan<byte> type = kdf.Algorithm switch
        {
            KdfAlgorithm.Pbkdf2 => "pbkdf2\0"u8,
            KdfAlgorithm.Argon2i => "argon2i\0"u8,
            _ => "argon2id\0"u8,
        };
        bool isPbkdf2 = kdf.Algorithm == KdfAlgorithm.Pbkdf2;
        byte[] hashBytes = Encoding.ASCII.GetBytes(hash + "\0");
        fixed (byte* typePointer = type)
        fixed (byte* hashPointer = hashBytes)
        {
            Interop.Cryptsetup.CryptPbkdfType pbkdf = new()
            {
                Type = typePointer,
                Hash = hashPointer,
                TimeMs = 0,
                Iterations = (uint)kdf.Iterations,
                MaxMemoryKb = isPbkdf2 ? 0 : (uint)kdf.MemoryKiB,
                ParallelThreads = isPbkdf2 ? 0 : (uint)kdf.Threads,
                Flags = Interop.Cryptsetup.CRYPT_PBKDF_NO_BENCHMARK,
            };
            return Interop.Cryptsetup.SetPbkdfType(cd, &pbkdf);
        }
    }

    private static LuksType ParseType(string? type, string devicePath) => type switch
    {
        Interop.Cryptsetup.CRYPT_LUKS1 => LuksType.Luks1,
        Interop.Cryptsetup.CRYPT_LUKS2 => LuksType.Luks2,
        _ => throw NotLuks(devicePath, type is null ? null : $"it is {type}"),
    };

    private static string? GetString(byte* value) =>
        value is null ? null : Marshal.PtrToStringUTF8((IntPtr)value);
}
