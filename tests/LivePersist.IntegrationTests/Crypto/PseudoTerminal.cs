using System.Diagnostics;
using System.Text;
using LivePersist.IntegrationTests.Support;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.IntegrationTests.Crypto;

/// <summary>
/// A pseudo-terminal driven through util-linux <c>script</c>: what is written to <see cref="Type"/> arrives as
/// keyboard input, and <see cref="Screen"/> collects everything the terminal displays (echo included). The test
/// opens the terminal side itself (<see cref="Terminal"/>) to read from it as a program at a prompt would.
/// </summary>
internal sealed class PseudoTerminal : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private readonly Process _script;

    private readonly StringBuilder _screen = new();

    private readonly Lock _screenLock = new();

    private readonly Task _screenReader;

    private PseudoTerminal(Process script, string path, SafeFileHandle terminal)
    {
        _script = script;
        Path = path;
        Terminal = terminal;
        _screenReader = Task.Run(ReadScreenAsync);
    }

    /// <summary>The terminal device, e.g. /dev/pts/3.</summary>
    public string Path { get; }

    /// <summary>The terminal side, opened read-write by this process.</summary>
    public SafeFileHandle Terminal { get; }

    /// <summary>What the terminal displayed so far.</summary>
    public string Screen
    {
        get
        {
            lock (_screenLock)
            {
                return _screen.ToString();
            }
        }
    }

    /// <summary>The terminal's current settings, as <c>stty -a</c> prints them.</summary>
    public string Settings => Tool.Run("stty", "-a", "-F", Path);

    /// <summary>Whether the terminal echoes input now.</summary>
    public bool Echoes => Settings.Split([' ', '\n', ';'], StringSplitOptions.RemoveEmptyEntries).Contains("echo");

    /// <summary>Starts <c>script</c> with a child that only holds the terminal open.</summary>
    public static PseudoTerminal Start()
    {
        ProcessStartInfo startInfo = new("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["--quiet", "--flush", "--echo", "always", "--command", "sleep 120", "/dev/null"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process script = Process.Start(startInfo)!;
        try
        {
            string path = WaitFor(() => TerminalOfChild(script.Id), "script to start its child");
            SafeFileHandle terminal = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return new PseudoTerminal(script, path, terminal);
        }
        catch
        {
            script.Kill(entireProcessTree: true);
            script.Dispose();
            throw;
        }
    }

    /// <summary>Types <paramref name="keys"/> on the keyboard.</summary>
    public void Type(string keys)
    {
        _script.StandardInput.Write(keys);
        _script.StandardInput.Flush();
    }

    /// <summary>Displays <paramref name="text"/> on the terminal (as a program writing to it would).</summary>
    public void Display(string text)
    {
        using FileStream stream = new(new SafeFileHandle(Terminal.DangerousGetHandle(), ownsHandle: false), FileAccess.Write, bufferSize: 0);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static void WaitUntil(Func<bool> condition, string what) => WaitFor(() => condition() ? "yes" : null, what);

    public void Dispose()
    {
        Terminal.Dispose();
        if (!_script.HasExited)
        {
            _script.Kill(entireProcessTree: true);
        }

        _script.WaitForExit();
        _screenReader.Wait(s_timeout);
        _script.Dispose();
    }

    private static T WaitFor<T>(Func<T?> probe, string what)
        where T : class
    {
        Stopwatch stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < s_timeout)
        {
            if (probe() is T value)
            {
                return value;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"Timed out waiting for {what}.");
    }

    /// <summary>The terminal that <c>script</c>'s child has as standard input, once it exists.</summary>
    private static string? TerminalOfChild(int scriptId)
    {
        foreach (string task in Directory.EnumerateDirectories($"/proc/{scriptId}/task"))
        {
            string children = File.ReadAllText(System.IO.Path.Combine(task, "children")).Trim();
            foreach (string child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string? target = File.ResolveLinkTarget($"/proc/{child}/fd/0", returnFinalTarget: false)?.ToString();
                if (target is not null && target.StartsWith("/dev/pts/", StringComparison.Ordinal))
                {
                    return target;
                }
            }
        }

        return null;
    }

    private async Task ReadScreenAsync()
    {
        char[] buffer = new char[4096];
        int read;
        while ((read = await _script.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_screenLock)
            {
                _screen.Append(buffer, 0, read);
            }
        }
    }
}
