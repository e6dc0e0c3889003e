using System.Diagnostics;
using Xunit;

namespace LivePersist.Linux.Tests.Contracts;

/// <summary>
/// Compiles C that checks our managed declarations against the system headers with <c>_Static_assert</c>:
/// if gcc accepts the file, every layout and constant matches.
/// </summary>
internal static class CContract
{
    /// <summary>The headers every contract includes (with _GNU_SOURCE).</summary>
    private static readonly string[] s_headers =
    [
        "stddef.h", "stdio.h", "fcntl.h", "dirent.h", "sys/stat.h", "sys/statvfs.h", "sys/mount.h",
        "sys/syscall.h", "linux/openat2.h", "signal.h", "sys/socket.h",
    ];

    /// <summary>Compiles one translation unit holding <paramref name="assertions"/> (C constant expressions).</summary>
    public static void AssertAll(IEnumerable<string> assertions)
    {
        string directory = Directory.CreateTempSubdirectory("live-persist-contract-").FullName;
        try
        {
            string source = Path.Combine(directory, "contract.c");
            List<string> lines = ["#define _GNU_SOURCE 1", .. s_headers.Select(static header => $"#include <{header}>")];
            int index = 0;
            foreach (string assertion in assertions)
            {
                string message = assertion.Replace("\\", "\\\\").Replace("\"", "\\\"");
                lines.Add($"_Static_assert({assertion}, \"{message}\"); /* {index++} */");
            }

            File.WriteAllLines(source, lines);
            (int exitCode, string stderr) = RunGcc(source);
            Assert.True(exitCode == 0, $"gcc rejected the contract (the failing assertions are listed):\n{stderr}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int ExitCode, string Stderr) RunGcc(string source)
    {
        ProcessStartInfo startInfo = new("gcc")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-std=gnu11", "-fsyntax-only", "-Wall", "-Werror", source })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return (process.ExitCode, stderr);
    }
}
