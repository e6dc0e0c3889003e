using System.Diagnostics;
using LivePersist.IntegrationTests.FileSystem;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Processes;
using Xunit;

namespace LivePersist.IntegrationTests.Processes;

public sealed class ProcessScannerTests
{
    [Fact]
    public void FindUsers_Should_FindProcess_When_ItsWorkingDirectoryIsInside()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        string mount = scratch.Combine("mnt");
        Inspect.MountTmpfs(mount);
        Directory.CreateDirectory(Path.Combine(mount, "deeper"));
        using Process sleeper = Start("sleep", ["60"], Path.Combine(mount, "deeper"));
        try
        {
            // When
            IReadOnlyList<ProcessUse> uses = ProcessScanner.FindUsers([mount]);

            // Then
            Assert.Contains(new ProcessUse(sleeper.Id, "sleep", Path.Combine(mount, "deeper"), ProcessUseKind.WorkingDirectory), uses);
        }
        finally
        {
            Stop(sleeper);
        }
    }

    [Fact]
    public void FindUsers_Should_FindProcess_When_ItHoldsFileOpen()
    {
        // Given: sleep inherits descriptor 3 on a file inside (its working directory is elsewhere).
        Requires.Root();
        using ScratchDirectory scratch = new();
        string mount = scratch.Combine("mnt");
        Inspect.MountTmpfs(mount);
        string file = Path.Combine(mount, "held file");
        File.WriteAllText(file, "x");
        using Process holder = Start("sh", ["-c", "exec sleep 60 3<\"$1\"", "sh", file], "/");
        try
        {
            // When
            IReadOnlyList<ProcessUse> uses = ProcessScanner.FindUsers([mount + "/"]);

            // Then
            ProcessUse use = Assert.Single(uses, use => use.Pid == holder.Id);
            Assert.Equal(new ProcessUse(holder.Id, "sleep", file, ProcessUseKind.OpenFile), use);
        }
        finally
        {
            Stop(holder);
        }
    }

    [Fact]
    public void FindUsers_Should_FindExecutableAndMapping_When_ProgramRunsFromInside()
    {
        // Given: a copy of sleep on the mount, running with its working directory elsewhere.
        Requires.Root();
        using ScratchDirectory scratch = new();
        string mount = scratch.Combine("mnt");
        Inspect.MountTmpfs(mount);
        string program = Path.Combine(mount, "napper");
        File.Copy("/bin/sleep", program);
        Tool.Run("chmod", "500", program);
        using Process napper = Start(program, ["60"], "/");
        try
        {
            // When
            IReadOnlyList<ProcessUse> uses = ProcessScanner.FindUsers([mount]);

            // Then
            Assert.Contains(new ProcessUse(napper.Id, "napper", program, ProcessUseKind.Executable), uses);
            Assert.Contains(new ProcessUse(napper.Id, "napper", program, ProcessUseKind.MappedFile), uses);
        }
        finally
        {
            Stop(napper);
        }
    }

    [Fact]
    public void FindUsers_Should_FindTheMapping_When_ALibraryIsMappedWithoutADescriptor()
    {
        // Given: a copy of a library on the mount, preloaded into sleep (the loader maps it and closes its descriptor).
        Requires.Root();
        using ScratchDirectory scratch = new();
        string mount = scratch.Combine("mnt");
        Inspect.MountTmpfs(mount);
        string library = Path.Combine(mount, "libpreloaded.so");
        File.Copy("/lib/x86_64-linux-gnu/libutil.so.1", library);
        using Process sleeper = Start("sh", ["-c", "LD_PRELOAD=\"$1\" exec sleep 60", "sh", library], "/");
        try
        {
            // When
            IReadOnlyList<ProcessUse> uses = ProcessScanner.FindUsers([mount]);

            // Then: only its memory map holds it
            ProcessUse use = Assert.Single(uses, use => use.Pid == sleeper.Id);
            Assert.Equal(new ProcessUse(sleeper.Id, "sleep", library, ProcessUseKind.MappedFile), use);
        }
        finally
        {
            Stop(sleeper);
        }
    }

    [Fact]
    public void FindUsers_Should_ReportThePathItHad_When_AHeldFileWasDeleted()
    {
        // Given: sleep holds a file open inside, and the file is removed.
        Requires.Root();
        using ScratchDirectory scratch = new();
        string mount = scratch.Combine("mnt");
        Inspect.MountTmpfs(mount);
        string file = Path.Combine(mount, "removed");
        File.WriteAllText(file, "x");
        using Process holder = Start("sh", ["-c", "exec sleep 60 3<\"$1\"", "sh", file], "/");
        File.Delete(file);
        try
        {
            // When
            IReadOnlyList<ProcessUse> uses = ProcessScanner.FindUsers([mount]);

            // Then
            Assert.Contains(new ProcessUse(holder.Id, "sleep", file, ProcessUseKind.OpenFile), uses);
        }
        finally
        {
            Stop(holder);
        }
    }

    [Fact]
    public void FindUsers_Should_FindTheOneHolder_When_ThousandsOfPathsAreLookedFor()
    {
        // Given: 2,000 destinations d1..d2000, of which d1000 has a process working in it; d10000 is a sibling
        // that only shares a prefix of its name.
        Requires.Root();
        using ScratchDirectory scratch = new();
        string mount = scratch.Combine("mnt");
        Inspect.MountTmpfs(mount);
        Directory.CreateDirectory(Path.Combine(mount, "d1000", "inside"));
        Directory.CreateDirectory(Path.Combine(mount, "d10000"));
        using Process inside = Start("sleep", ["60"], Path.Combine(mount, "d1000", "inside"));
        using Process beside = Start("sleep", ["60"], Path.Combine(mount, "d10000"));
        string[] destinations = [.. Enumerable.Range(1, 2000).Select(i => Path.Combine(mount, $"d{i}"))];
        try
        {
            // When
            IReadOnlyList<ProcessUse> uses = ProcessScanner.FindUsers(destinations);

            // Then
            ProcessUse use = Assert.Single(uses);
            Assert.Equal(new ProcessUse(inside.Id, "sleep", Path.Combine(mount, "d1000", "inside"), ProcessUseKind.WorkingDirectory), use);
        }
        finally
        {
            Stop(inside);
            Stop(beside);
        }
    }

    [Fact]
    public void FindUsers_Should_ReturnNothing_When_NoProcessUsesThePath()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Inspect.MountTmpfs(scratch.Combine("mnt"));
        File.WriteAllText(scratch.Combine("mnt", "f"), "x");

        // When
        IReadOnlyList<ProcessUse> uses = ProcessScanner.FindUsers([scratch.Combine("mnt")]);

        // Then
        Assert.Empty(uses);
    }

    [Fact]
    public void FindUsers_Should_LeaveThisProcessOut_When_ExcludeSelf()
    {
        // Given: this process holds a file open inside.
        Requires.Root();
        using ScratchDirectory scratch = new();
        string file = scratch.Combine("f");
        using FileStream held = File.Create(file);

        // When
        IReadOnlyList<ProcessUse> all = ProcessScanner.FindUsers([scratch.Path]);
        IReadOnlyList<ProcessUse> others = ProcessScanner.FindUsers([scratch.Path], excludeSelf: true);

        // Then
        Assert.Contains(all, use => use.Pid == Environment.ProcessId && use.Path == file && use.Kind == ProcessUseKind.OpenFile);
        Assert.Empty(others);
    }

    private static Process Start(string program, string[] arguments, string workingDirectory)
    {
        ProcessStartInfo startInfo = new(program) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process = Process.Start(startInfo)!;

        // Wait until the child has exec'ed its final program (its command name is then that program's).
        string expected = Path.GetFileName(program) == "sh" ? "sleep" : Path.GetFileName(program);
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && ReadComm(process.Id) != expected)
        {
            Thread.Sleep(20);
        }

        return process;
    }

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Stop(Process process)
    {
        process.Kill();
        process.WaitForExit();
    }
}
