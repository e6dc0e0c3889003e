using System.Text.Json;
using LivePersist.Cli.Output;
using LivePersist.Core;
using LivePersist.Linux.Lifecycle;
using LivePersist.Linux.Secrets;

namespace LivePersist.Cli.Handlers;

/// <summary><c>repair</c>: asks the passphrase when the volume is locked, shows e2fsck's progress, reports.</summary>
internal sealed class RepairHandler
{
    private readonly CliContext _context;
    private readonly StorageService _service;

    public RepairHandler(CliContext context)
    {
        _context = context;
        _service = new StorageService(context.Profile, context.Root, context.Log);

        // Whatever handles a passphrase must never leave it in a core dump.
        CoreDumps.Disable();
    }

    public int Repair(string? device, bool allowFixed)
    {
        using SignalCancellation cancellation = new();
        Passphrases passphrases = new();
        FileSystemRepairResult result = PercentProgressView.Run(_context, "Repairing the file system", progress =>
            _service.Repair(
                device,
                allowFixed,
                () => passphrases.Existing(),
                new ProgressMapping(progress),
                cancellation.Token));

        if (_context.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new RepairJson(result == FileSystemRepairResult.Clean ? "clean" : "corrected"), CliJson.Context.RepairJson));
        }
        else
        {
            Console.Error.WriteLine(result == FileSystemRepairResult.Clean
                ? "The file system of the Persistent Storage has no errors."
                : "Errors in the file system of the Persistent Storage were found and corrected.");
        }

        return ExitCodes.Success;
    }

    private sealed class ProgressMapping(IProgress<PercentProgress> view) : IProgress<FileSystemCheckProgress>
    {
        public void Report(FileSystemCheckProgress value) => view.Report(new PercentProgress(value.Percent, value.Description));
    }
}
