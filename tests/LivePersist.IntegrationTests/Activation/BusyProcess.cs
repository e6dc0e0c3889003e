using System.Diagnostics;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>A child process (<c>sleep</c>) that keeps a place busy until disposed: its working directory, or an open file.</summary>
internal sealed class BusyProcess : IDisposable
{
    private readonly Process _process;

    private BusyProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    /// <summary>A process whose working directory is <paramref name="directory"/>.</summary>
    public static BusyProcess WithWorkingDirectory(string directory) => Start("sleep", ["600"], directory);

    /// <summary>A process that holds <paramref name="file"/> open (descriptor 3), working elsewhere.</summary>
    public static BusyProcess HoldingOpen(string file) => Start("sh", ["-c", "exec sleep 600 3<\"$1\"", "sh", file], "/");

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }

        _process.Dispose();
    }

    private static BusyProcess Start(string program, string[] arguments, string workingDirectory)
    {
        ProcessStartInfo startInfo = new(program) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process = Process.Start(startInfo)!;

        // Wait until the shell has exec'd sleep, so /proc shows the final command and descriptors.
        for (int i = 0; i < 200 && ReadComm(process.Id) != "sleep"; i++)
        {
            Thread.Sleep(10);
        }

        return new BusyProcess(process);
    }

    private static string ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
