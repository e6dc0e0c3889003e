using LivePersist.Core;
using LivePersist.Linux.SafeHandles;

namespace LivePersist.Linux.Crypto;

public sealed unsafe partial class LuksVolume
{
    /// <summary>Lists the misc character devices the kernel registered; device-mapper is one once dm_mod is loaded.</summary>
    private const string KernelMiscDevices = "/proc/misc";

    /// <summary>
    /// Unlocks the volume: creates the dm-crypt mapping <c>/dev/mapper/<paramref name="mappingName"/></c>.
    /// </summary>
    /// <exception cref="PersistenceException">
    /// WrongPassphrase: no keyslot accepts the passphrase; WrongState: the mapping already exists;
    /// Failed: the kernel has no device-mapper.
    /// </exception>
    public void Activate(string mappingName, ReadOnlySpan<byte> passphrase, bool readOnly)
    {
        ValidateMappingName(mappingName);
        if (File.Exists(Path.Combine("/dev/mapper", mappingName)))
        {
            throw new PersistenceException(
                ErrorKind.WrongState, $"'/dev/mapper/{mappingName}' already exists: the volume is already unlocked (lock it first).");
        }

        CryptsetupLog.Clear();
        uint flags = readOnly ? Interop.Cryptsetup.CRYPT_ACTIVATE_READONLY : 0;
        int result;
        fixed (byte* secret = NonNull(passphrase))
        {
            result = Interop.Cryptsetup.ActivateByPassphrase(
                Handle, mappingName, Interop.Cryptsetup.CRYPT_ANY_SLOT, secret, (nuint)passphrase.Length, flags);
        }

        if (IsWrongPassphrase(result))
        {
            CryptsetupLog.Clear();
            throw WrongPassphrase(DevicePath);
        }

        if (result == -(int)Interop.Errno.EEXIST)
        {
            throw new PersistenceException(
                ErrorKind.WrongState, $"'/dev/mapper/{mappingName}' already exists: the volume is already unlocked (lock it first).");
        }

        CheckDeviceMapperResult(result, DevicePath, "Unlocking", "unlock");
    }

    /// <summary>Locks a volume: removes the dm-crypt mapping <c>/dev/mapper/<paramref name="mappingName"/></c>.</summary>
    /// <exception cref="PersistenceException">
    /// WrongState: no such mapping; Busy: it is still mounted or open; Failed: the kernel has no device-mapper.
    /// </exception>
    public static void Deactivate(string mappingName)
    {
        ValidateMappingName(mappingName);
        CryptsetupLog.Clear();
        CryptsetupLog.EnsureRegistered();
        string mappingPath = Path.Combine("/dev/mapper", mappingName);
        int result = Interop.Cryptsetup.InitByName(out SafeCryptDeviceHandle cd, mappingName);
        using (cd)
        {
            if ((result == -(int)Interop.Errno.ENODEV || result == -(int)Interop.Errno.ENOENT) && IsDeviceMapperLoaded())
            {
                throw new PersistenceException(ErrorKind.WrongState, $"'{mappingPath}' does not exist: the volume is not unlocked.");
            }

            CheckDeviceMapperResult(result, mappingPath, "Locking", "lock");
            CryptsetupLog.Attach(cd);
            result = Interop.Cryptsetup.Deactivate(cd, mappingName);
            if (result == -(int)Interop.Errno.EBUSY)
            {
                throw new PersistenceException(
                    ErrorKind.Busy, $"'{mappingPath}' is still in use (mounted, or open in a program): unmount it first, then lock it.");
            }

            CheckDeviceMapperResult(result, mappingPath, "Locking", "lock");
        }
    }

    private static void ValidateMappingName(string mappingName)
    {
        ArgumentException.ThrowIfNullOrEmpty(mappingName);
        if (mappingName.Length > 127 || mappingName.Contains('/') || mappingName is "." or ".." || mappingName.Any(char.IsControl))
        {
            throw new ArgumentException($"'{mappingName}' is not a valid device-mapper name.", nameof(mappingName));
        }
    }

    /// <summary>
    /// Like <see cref="Interop.CheckCrypt"/>, but a failure on a kernel without device-mapper is reported as that.
    /// Checked after the call: the call itself makes the kernel load dm_mod when it is a module.
    /// </summary>
    private static void CheckDeviceMapperResult(int result, string device, string operation, string action)
    {
        if (result >= 0)
        {
            return;
        }

        Exception failure = Interop.GetExceptionForCryptErrno(new Interop.ErrorInfo(-result), device, operation, CryptsetupLog.TakeErrors());
        if (!IsDeviceMapperLoaded())
        {
            throw new PersistenceException(
                ErrorKind.Failed,
                $"Cannot {action} the Persistent Storage: this kernel has no device-mapper (no 'device-mapper' in {KernelMiscDevices}). "
                + "Load the dm_crypt module (modprobe dm_crypt), or use a kernel that has it, and try again.",
                failure);
        }

        throw failure;
    }

    private static bool IsDeviceMapperLoaded()
    {
        try
        {
            return File.ReadLines(KernelMiscDevices).Any(line => line.EndsWith(" device-mapper", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
