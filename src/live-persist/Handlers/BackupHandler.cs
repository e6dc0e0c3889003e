using System.Globalization;
using System.Text.Json;
using LivePersist.Cli.Output;
using LivePersist.Core.Encryption;
using LivePersist.Core;
using LivePersist.Linux.Lifecycle;
using LivePersist.Linux.Reporting;
using LivePersist.Linux.Secrets;

namespace LivePersist.Cli.Handlers;

/// <summary><c>backup --to DEVICE</c>: asks the passphrase, shows the steps, reports what was copied.</summary>
internal sealed class BackupHandler
{
    private readonly CliContext _context;
    private readonly StorageService _service;

    public BackupHandler(CliContext context)
    {
        _context = context;
        _service = new StorageService(context.Profile, context.Root, context.Log);

        // Whatever handles a passphrase must never leave it in a core dump.
        CoreDumps.Disable();
    }

    public int Backup(string? device, string? target, bool allowFixed, KdfOverrides? kdf)
    {
        if (string.IsNullOrEmpty(target))
        {
            throw new PersistenceException(ErrorKind.Usage, "Give the backup USB stick with --to DEVICE (see 'live-persist backup --help').");
        }

        using SignalCancellation cancellation = new();
        using SecretBuffer passphrase = new Passphrases().Existing("Passphrase of the Persistent Storage (the backup gets the same one): ");
        BackupReport report = StepProgressView.Run(_context, "Backing up the Persistent Storage",
            progress => _service.Backup(device, target, allowFixed, kdf, passphrase.Span, progress, cancellation.Token));

        if (_context.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(BackupJson.From(report), CliJson.Context.BackupJson));
            return ExitCodes.Success;
        }

        string what = report.Created ? $"The backup was created on {report.Device}" : $"The backup on {report.Device} was updated";
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {report.Copied.FilesTransferred} files copied ({report.Copied.BytesTransferred} bytes), {report.Copied.FilesDeleted} deleted, {report.Copied.Files} in all. It is locked; you can unplug it."));
        return ExitCodes.Success;
    }
}
