using System.Text.Json;
using LivePersist.Cli.Output;
using LivePersist.Core.Encryption;
using LivePersist.Core;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Lifecycle;
using LivePersist.Linux.Reporting;
using LivePersist.Linux.Secrets;
using LivePersist.Linux.Snapshots;

namespace LivePersist.Cli.Handlers;

/// <summary>The storage lifecycle commands: they read passphrases, show progress and report.</summary>
internal sealed class StorageHandler
{
    private readonly CliContext _context;
    private readonly StorageService _service;

    public StorageHandler(CliContext context)
    {
        _context = context;
        _service = new StorageService(context.Profile, context.Root, context.Log);

        // Whatever handles a passphrase must never leave it in a core dump.
        CoreDumps.Disable();
    }

    public int Create(string? device, bool allowFixed, KdfOverrides? kdf)
    {
        using SecretBuffer passphrase = new Passphrases().New("Passphrase for the new Persistent Storage: ");
        VolumeReport report = StepProgressView.Run(_context, "Creating the Persistent Storage",
            progress => _service.Create(device, allowFixed, kdf, passphrase.Span, progress));
        Say($"The Persistent Storage was created and unlocked; it is mounted on {report.MountPoint}.");
        return ActivationOutput.Print(_context, [report], [], dryRun: false);
    }

    public int Unlock(string? device, bool allowFixed, bool readOnly)
    {
        VolumeReport report = _service.Unlock(device, allowFixed, () => new Passphrases().Existing(), readOnly);
        Say(readOnly ? "The Persistent Storage is unlocked read-only: nothing will be written to it." : "The Persistent Storage is unlocked.");
        return ActivationOutput.Print(_context, [report], [], dryRun: false);
    }

    public int Lock(string? device, bool discard)
    {
        _service.Lock(device, discard);
        Say("The Persistent Storage is locked.");
        return ExitCodes.Success;
    }

    public int Delete(string? device, bool allowFixed)
    {
        Say(_service.Delete(device, allowFixed)
            ? "The Persistent Storage was deleted: its encryption header was wiped, so its data can never be unlocked again."
            : "The Persistent Storage partition was deleted (it was not encrypted: its creation had been interrupted).");
        return ExitCodes.Success;
    }

    public int ChangePassphrase(string? device, bool allowFixed, KdfOverrides? kdf)
    {
        Passphrases passphrases = new();
        _service.ChangePassphrase(device, allowFixed, () => passphrases.Existing("Current passphrase: "), () => passphrases.New(), kdf);
        Say("The passphrase was changed.");
        return ExitCodes.Success;
    }

    public int Upgrade(string? device, bool allowFixed, string? headerBackup, KdfOverrides? kdf)
    {
        bool upgraded = _service.Upgrade(device, allowFixed, () => new Passphrases().Existing(), headerBackup, kdf);
        Say(upgraded ? "The encryption was upgraded to LUKS2 with argon2id." : "The encryption is already upgraded; nothing was changed.");
        return ExitCodes.Success;
    }

    public int HeaderBackup(string? device, string file)
    {
        _service.HeaderBackup(device, file);
        Say($"The encryption header was saved to {file}. Keep it somewhere safe: with it, the old passphrases open the volume.");
        return ExitCodes.Success;
    }

    public int HeaderRestore(string? device, bool allowFixed, string file, bool force)
    {
        _service.HeaderRestore(device, allowFixed, file, force);
        Say($"The encryption header was restored from {file}.");
        return ExitCodes.Success;
    }

    public int Status(string? device)
    {
        StorageStatus status = _service.Status(device);
        if (_context.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(StatusJson.From(status), CliJson.Context.StatusJson));
            return ExitCodes.Success;
        }

        Console.Out.WriteLine($"State:       {StatusJson.StateName(status.State)}");
        Line("Device", status.Device);
        Line("Partition", status.Partition);
        Line(status.State == StorageState.NotCreated ? "Cannot create" : "Problem", status.Problem);
        Line("Encryption", status.Encryption is null ? null : $"{status.Encryption}{(status.IsUpgraded == false ? " (not upgraded: run 'live-persist upgrade')" : string.Empty)}");
        Line("Mounted on", status.MountPoint is null ? null : status.MountPoint + (status.ReadOnly ? " (read-only)" : string.Empty));
        Line("Space", status.FreeBytes is null ? null : $"{ByteSize.Format(status.UsedBytes ?? 0)} used, {ByteSize.Format(status.FreeBytes.Value)} free");
        Line("Written", status.BytesWrittenSinceUnlock is null ? null : $"{ByteSize.Format(status.BytesWrittenSinceUnlock.Value)} to the stick since unlock");
        if (status.Features.Count > 0)
        {
            Console.Out.WriteLine("Features:");
            foreach (FeatureState feature in status.Features)
            {
                Console.Out.WriteLine($"  {feature.Feature.Definition.Id,-22} {(feature.Feature.IsEnabled ? "enabled" : "disabled"),-9} {(feature.IsActive ? "active" : "inactive"),-9} {(feature.HasData ? "has data" : string.Empty)}");
            }
        }

        PrintUnsaved(status.Features);
        if (status.Notices.Count > 0)
        {
            Console.Out.WriteLine("Notices:");
            foreach (Core.Config.VolumeNotice notice in status.Notices)
            {
                Console.Out.WriteLine($"  {notice.File}: {notice.Message}");
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>Each active snapshot folder with what no save has written yet, so that no one locks or switches off blind.</summary>
    private static void PrintUnsaved(IReadOnlyList<FeatureState> features)
    {
        (string Destination, UnsavedChanges? Changes)[] snapshots = features
            .SelectMany(feature => feature.Unsaved.Select(pair => (pair.Key, pair.Value)))
            .ToArray();
        if (snapshots.Length == 0)
        {
            return;
        }

        Console.Out.WriteLine("Unsaved changes:");
        foreach ((string destination, UnsavedChanges? changes) in snapshots)
        {
            Console.Out.WriteLine($"  {destination,-30} {UnsavedText.Describe(changes)}");
        }
    }

    private static void Line(string label, string? value)
    {
        if (value is not null)
        {
            Console.Out.WriteLine($"{label + ":",-12} {value}");
        }
    }

    private void Say(string message)
    {
        if (!_context.Json)
        {
            Console.Error.WriteLine(message);
        }
    }
}
