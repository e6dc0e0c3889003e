using LivePersist.Core;
using LivePersist.Core.AdditionalSoftware;
using LivePersist.Core.Storage;

namespace LivePersist.Cli;

/// <summary>
/// The exit codes of live-persist. They are part of the interface (the welcome screen and scripts
/// switch on them): never renumber one. Documented in <c>--help</c> and the README.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int WrongPassphrase = 3;
    public const int UnsupportedDevice = 4;
    public const int Busy = 5;
    public const int InsecureVolume = 6;
    public const int FilesystemErrors = 7;
    public const int NotEnoughMemory = 8;
    public const int WrongState = 9;
    public const int PermissionDenied = 10;
    public const int BootDeviceNotFound = 20;
    public const int BootDeviceOptical = 21;
    public const int BootDeviceReadOnly = 22;
    public const int UnsupportedInstallation = 23;
    public const int PersistentStorageExists = 24;
    public const int TooManyPartitions = 25;
    public const int NotEnoughFreeSpace = 26;
    public const int AdditionalSoftwareNotActive = 30;
    public const int SomePackagesNotInstalled = 31;
    public const int PackageListsNotUpdated = 32;
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
