using System.Diagnostics;
using System.Text;
using Xunit;

namespace LivePersist.SystemTests.Support;

/// <summary>
/// A harness script of <c>tests/vm/</c> (prepare.sh, run.sh) running under bash: collects stdout
/// and stderr as they come (and echoes them to the test that started it, which shows where a slow
/// run is), and kills its whole process tree, qemu included, when asked to or when a wait for it
/// times out.
/// </summary>
internal sealed class HarnessProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly ITestOutputHelper? _testOutput = TestContext.Current.TestOutputHelper;

    private HarnessProcess(Process process) => _process = process;

    /// <summary>The output so far, stdout and stderr lines in the order they arrived.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Whether the script has exited; once true, <see cref="Output"/> holds all its output.</summary>
    public bool HasExited
    {
        get
        {
            if (!_process.HasExited)
            {
                return false;
            }

            _process.WaitForExit(); // the rest of its output, up to the end of the pipes
            return true;
        }
    }

    /// <summary>The exit code; only once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public static HarnessProcess Start(string script, IReadOnlyList<string> arguments)
    {
        ProcessStartInfo startInfo = new("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        HarnessProcess harness = new(new Process { StartInfo = startInfo });
        harness._process.OutputDataReceived += harness.OnLine;
        harness._process.ErrorDataReceived += harness.OnLine;
        harness._process.Start();
        harness._process.StandardInput.Close();
        harness._process.BeginOutputReadLine();
        harness._process.BeginErrorReadLine();
        return harness;
    }

    /// <summary>
    /// Waits until the script exits; after <paramref name="timeout"/> or on cancellation, kills its
    /// process tree (then rethrows the cancellation). Returns whether it timed out.
    /// </summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using CancellationTokenSource timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(timeoutSource.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }
    }

    /// <summary>Kills the script and everything it started (qemu), and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void OnLine(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(e.Data).Append('\n');
        }

        try
        {
            _testOutput?.WriteLine(e.Data);
        }
        catch (InvalidOperationException)
        {
            // The test that started it has ended (a VM outliving its test); the line is in Output.
        }
    }
}
