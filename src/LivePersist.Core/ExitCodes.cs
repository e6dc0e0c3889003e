using LivePersist.Core.AdditionalSoftware;
using LivePersist.Core.Storage;

namespace LivePersist.Core;

/// <summary>
/// The exit codes of live-persist, which live-persistd's errors carry too. They are part of the interface
/// (the welcome screen and scripts switch on them): never renumber one. Documented in <c>--help</c> and the README.
/// </summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The operation failed; the message says why.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line, profile or input.</summary>
    public const int Usage = 2;

    /// <summary>The passphrase opens no keyslot.</summary>
    public const int WrongPassphrase = 3;

    /// <summary>Not a USB stick or SD card.</summary>
    public const int UnsupportedDevice = 4;

    /// <summary>A process uses a file there, or another operation runs.</summary>
    public const int Busy = 5;

    /// <summary>Ownership, mode or ACL of the volume not as required.</summary>
    public const int InsecureVolume = 6;

    /// <summary>File system errors left uncorrected.</summary>
    public const int FilesystemErrors = 7;

    /// <summary>Not enough memory for the key derivation.</summary>
    public const int NotEnoughMemory = 8;

    /// <summary>Wrong state for this operation.</summary>
    public const int WrongState = 9;

    /// <summary>Permission denied.</summary>
    public const int PermissionDenied = 10;

    /// <summary>The boot device was not found.</summary>
    public const int BootDeviceNotFound = 20;

    /// <summary>The system runs from a DVD.</summary>
    public const int BootDeviceOptical = 21;

    /// <summary>The boot device is read-only.</summary>
    public const int BootDeviceReadOnly = 22;

    /// <summary>No GPT partition named like the system's.</summary>
    public const int UnsupportedInstallation = 23;

    /// <summary>A Persistent Storage already exists on the device.</summary>
    public const int PersistentStorageExists = 24;

    /// <summary>The device has other partitions besides the system's.</summary>
    public const int TooManyPartitions = 25;

    /// <summary>Less than 64 MiB free after the system partition.</summary>
    public const int NotEnoughFreeSpace = 26;

    /// <summary>Additional software: APT's cache and lists are not on the Persistent Storage.</summary>
    public const int AdditionalSoftwareNotActive = 30;

    /// <summary>Additional software: some packages could not be installed or upgraded (the others were).</summary>
    public const int SomePackagesNotInstalled = 31;

    /// <summary>Additional software: the package lists could not be updated; the previous ones were kept.</summary>
    public const int PackageListsNotUpdated = 32;

    /// <summary>Cancelled.</summary>
    public const int Cancelled = 130;

    /// <summary>The table printed at the end of <c>--help</c>.</summary>
    public const string HelpText = """
        Exit codes:
          0    success
          1    the operation failed (the message says why)
          2    usage error: bad command line, profile or input
          3    wrong passphrase
          4    unsupported boot device: not a USB stick or SD card (fixed disks need --allow-fixed)
          5    busy: a process uses a file there (the message names it)
          6    insecure volume: ownership, mode or ACL not as required; nothing was activated
          7    file system errors left uncorrected: run 'live-persist repair'
          8    not enough memory for the key derivation
          9    wrong state for this operation (e.g. not unlocked)
          10   permission denied: run as root
          20   the boot device was not found
          21   the system runs from a DVD
          22   the boot device is read-only
          23   unsupported installation method (no GPT partition named Tails)
          24   a Persistent Storage already exists on the device
          25   the device has other partitions besides the system's
          26   less than 64 MiB free after the system partition
          30   additional software: APT's cache and lists are not on the Persistent Storage (feature off or inactive)
          31   additional software: some packages could not be installed or upgraded (the others were)
          32   additional software: the package lists could not be updated (offline?); the previous ones were kept
          130  cancelled
        """;

    /// <summary>The exit code for a failure: the boot device problem's own code, else the kind's.</summary>
    public static int For(PersistenceException exception) => exception is AdditionalSoftwareException software
        ? software.Problem switch
        {
            AdditionalSoftwareProblem.NotActive => AdditionalSoftwareNotActive,
            AdditionalSoftwareProblem.SomePackagesFailed => SomePackagesNotInstalled,
            AdditionalSoftwareProblem.UpdateFailed => PackageListsNotUpdated,
            _ => Failed,
        }
        : exception is BootDeviceException device
        ? device.Problem switch
        {
            BootDeviceProblem.NotFound => BootDeviceNotFound,
            BootDeviceProblem.Optical => BootDeviceOptical,
            BootDeviceProblem.ReadOnly => BootDeviceReadOnly,
            BootDeviceProblem.UnsupportedInstallation => UnsupportedInstallation,
            BootDeviceProblem.PersistentStorageExists => PersistentStorageExists,
            BootDeviceProblem.TooManyPartitions => TooManyPartitions,
            BootDeviceProblem.NotEnoughFreeSpace => NotEnoughFreeSpace,
            _ => UnsupportedDevice,
        }
        : For(exception.Kind);

    /// <summary>The exit code for a kind of failure.</summary>
    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.Failed => Failed,
        ErrorKind.Usage => Usage,
        ErrorKind.WrongPassphrase => WrongPassphrase,
        ErrorKind.UnsupportedDevice => UnsupportedDevice,
        ErrorKind.Busy => Busy,
        ErrorKind.InsecureVolume => InsecureVolume,
        ErrorKind.FilesystemErrors => FilesystemErrors,
        ErrorKind.NotEnoughMemory => NotEnoughMemory,
        ErrorKind.WrongState => WrongState,
        ErrorKind.PermissionDenied => PermissionDenied,
        ErrorKind.Cancelled => Cancelled,
        _ => Failed,
    };
}
