using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using LivePersist.Linux.Processes;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// The storage lifecycle: everything between a blank USB stick and an unlocked, activated Persistent
/// Storage (create, unlock, lock, delete, change the passphrase, upgrade the encryption...). Every
/// multi-step operation either completes or rolls back, and says which.
/// </summary>
/// <param name="profile">The distribution's profile (names on disk, users, rules).</param>
/// <param name="rootPath">The target system root (absolute); the volume is mounted under it.</param>
/// <param name="log">Where to say what is done.</param>
public sealed partial class StorageService(Profile profile, string rootPath, ILog log)
{
    /// <summary>Where the unlocked volume is mounted, in the host's view.</summary>
    public string MountPath => UnixPath.JoinAbsolute(rootPath, profile.MountPoint.TrimStart('/'));

    /// <summary>Whether the unlocked volume is mounted where the profile says.</summary>
    public bool IsMounted() => MountTable.Read().FindByMountPoint(MountPath) is not null;

    /// <summary>The KDF for a new keyslot: Tails' rule (memory from the RAM available now), or the given overrides.</summary>
    public static KdfParameters KdfForNewKeyslot(KdfOverrides? overrides) =>
        KdfPolicy.ForNewKeyslot(SystemMemory.Read().AvailableBytes, OnlineProcessors.Count(), overrides);

    // tps resets the root on every mount: root-owned, 0770, and only the desktop user may enter it.
    private void FixRootPermissions(OpenedVolume volume)
    {
        FileRule rule = profile.VolumeRoot;
        volume.Root.SetOwner(".", rule.Uid, rule.Gid ?? 0);
        if (rule.Mode is UnixFileMode mode)
        {
            volume.Root.SetMode(".", mode);
        }

        Acl.RemoveExtendedAcl(volume.Root, ".");
        if (rule.ExtendedAcl is { Length: > 0 } extended)
        {
            string bits = Convert.ToString((int)(rule.Mode ?? (UnixFileMode)0b111_111_000), 8).PadLeft(3, '0')[^3..];
            string group = Permissions(bits[1]);
            Acl.SetAccessAcl(volume.Root, ".", $"user::{Permissions(bits[0])},{extended},group::{group},mask::{group},other::{Permissions(bits[2])}");
        }
    }

    private static string Permissions(char octalDigit)
    {
        int value = octalDigit - '0';
        return $"{((value & 4) != 0 ? 'r' : '-')}{((value & 2) != 0 ? 'w' : '-')}{((value & 1) != 0 ? 'x' : '-')}";
    }

    private OpenedVolume MountMapping(StorageDevice device, bool readOnly)
    {
        using DirectoryHandle root = DirectoryHandle.Open(rootPath);
        return OpenedVolume.Open(device.MappingPath, profile, root, readOnly, mount: true, log);
    }

    private static void SetReadOnly(string device, bool readOnly) =>
        ExternalCommand.RunChecked($"Making {device} {(readOnly ? "read-only" : "writable")}", "blockdev", readOnly ? "--setro" : "--setrw", device);

    private static void CloseMappingQuietly(string mappingName)
    {
        try
        {
            LuksVolume.Deactivate(mappingName);
        }
        catch (PersistenceException)
        {
            // Rolling back after another failure: that failure is what the user must see.
        }
    }

    private void Step(IProgress<StepProgress>? progress, int step, int total, string description)
    {
        log.Info($"[{step}/{total}] {description}");
        progress?.Report(new StepProgress(step, total, description));
    }
}
