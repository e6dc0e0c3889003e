using System.Diagnostics;
using LivePersist.Core;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// Runs apt-get for the additional software: never interactive (no question from debconf, dpkg or
/// apt-listchanges), in the C locale so its messages can be recognised, with its output in the log as it
/// comes. In a scratch root (<c>--root</c>) APT runs chrooted into it, as it would in the live system.
/// </summary>
/// <param name="rootPath">The target system root.</param>
/// <param name="log">The run's log.</param>
public sealed class AptRunner(string rootPath, SoftwareLog log)
{
    /// <summary>How long APT waits for another package manager to release its lock before it gives up.</summary>
    public const int LockTimeoutSeconds = 120;

    private const string ChrootProgram = "/usr/sbin/chroot";
    private const string AptGet = "/usr/bin/apt-get";

    /// <summary>The options every run gets: quiet, yes, plain output, and never a dpkg or debconf question.</summary>
    public static IReadOnlyList<string> CommonOptions { get; } =
    [
        "--quiet", "--yes",
        "-o", "Dpkg::Use-Pty=false",
        "-o", $"DPkg::Lock::Timeout={LockTimeoutSeconds}",
        "-o", "APT::Get::Show-User-Simulation-Note=false",
    ];

    /// <summary>Runs <c>apt-get ARGUMENTS</c>; stopping <paramref name="cancellationToken"/> kills APT and dpkg.</summary>
    public AptRun Run(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        bool chroot = rootPath != "/";
        ProcessStartInfo startInfo = new(chroot ? ChrootProgram : AptGet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (chroot)
        {
            startInfo.ArgumentList.Add(rootPath);
            startInfo.ArgumentList.Add(AptGet);
        }

        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Noninteractive everywhere: debconf takes defaults, dpkg keeps changed configuration files
        // (--force-confold, given per run), apt-listchanges and needrestart stay quiet.
        startInfo.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        startInfo.Environment["DEBIAN_PRIORITY"] = "critical";
        startInfo.Environment["APT_LISTCHANGES_FRONTEND"] = "none";
        startInfo.Environment["NEEDRESTART_MODE"] = "l";
        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment["LANG"] = "C";
        startInfo.Environment["LANGUAGE"] = null;
        startInfo.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

        log.Write($"$ apt-get {string.Join(' ', arguments)}");
        List<string> output = [];
        Lock gate = new();
        void Collect(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (gate)
                {
                    output.Add(line.Data);
                }

                log.Write(line.Data);
            }
        }

        using Process process = Start(startInfo);
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        try
        {
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            log.Write("(stopped: the operation was cancelled)");
            throw;
        }

        // WaitForExit() without a timeout also waits for the end of the redirected output.
        process.WaitForExit();
        log.Write($"(apt-get exited with {process.ExitCode})");
        lock (gate)
        {
            return new AptRun(process.ExitCode, string.Join('\n', output));
        }
    }

    private static Process Start(ProcessStartInfo startInfo)
    {
        try
        {
            return Process.Start(startInfo) ?? throw new PersistenceException(ErrorKind.Failed, $"{startInfo.FileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new PersistenceException(ErrorKind.Failed,
                $"Cannot run {startInfo.FileName} ({exception.Message}): APT is part of every Debian system; is this one?");
        }
    }
}

/// <summary>What one apt-get run did.</summary>
/// <param name="ExitCode">Its exit code (0: success).</param>
/// <param name="Output">Its standard output and error, line by line as they came.</param>
public sealed record AptRun(int ExitCode, string Output);
