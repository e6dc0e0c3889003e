using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace LivePersist.Linux.Tests.Crypto;

/// <summary>
/// Compiles and runs a C program against the installed headers that prints "name value" lines, so a test can
/// compare the ABI we declared in C# (struct offsets and sizes, constants) with what the C compiler sees.
/// </summary>
internal sealed class CProgram
{
    private readonly List<string> _includes = [];

    private readonly List<(string Name, string Expression, string Format)> _values = [];

    private readonly Dictionary<string, string> _expected = new(StringComparer.Ordinal);

    public CProgram(params string[] includes) => _includes.AddRange(includes);

    /// <summary>Expects the layout of a C struct to be the managed one of <typeparamref name="T"/>.</summary>
    public CProgram Struct<T>(string cType, params (string Managed, string Native)[] fields)
        where T : struct
    {
        Expect($"sizeof({cType})", $"sizeof({cType})", "%zu", Marshal.SizeOf<T>());
        foreach ((string managed, string native) in fields)
        {
            Expect($"offsetof({cType}, {native})", $"offsetof({cType}, {native})", "%zu", (long)Marshal.OffsetOf<T>(managed));
        }

        return this;
    }

    /// <summary>Expects an integer expression (a constant, a field size) to have <paramref name="value"/>.</summary>
    public CProgram Integer(string expression, long value) => Expect(expression, $"(long long)({expression})", "%lld", value);

    /// <summary>Expects a string macro to be <paramref name="value"/>.</summary>
    public CProgram String(string expression, string value)
    {
        _values.Add((expression, expression, "%s"));
        _expected[expression] = value;
        return this;
    }

    /// <summary>Compiles and runs the program; returns the lines whose C value differs from ours.</summary>
    public IReadOnlyList<string> Mismatches()
    {
        string directory = Directory.CreateTempSubdirectory("live-persist-abi-").FullName;
        try
        {
            string source = Path.Combine(directory, "abi.c");
            string executable = Path.Combine(directory, "abi");
            File.WriteAllText(source, Source());
            (int compiled, string compileOutput) = Run("gcc", "-std=gnu11", "-Wall", "-Werror", "-o", executable, source);
            if (compiled != 0)
            {
                throw new InvalidOperationException(
                    "gcc failed: are gcc, libc6-dev and libcryptsetup-dev installed (build.sh installs them)?\n" + compileOutput);
            }

            (int exitCode, string output) = Run(executable);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"The ABI probe exited with {exitCode}:\n{output}");
            }

            List<string> mismatches = [];
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split('\t');
                if (_expected[parts[0]] != parts[1])
                {
                    mismatches.Add($"{parts[0]}: C says {parts[1]}, C# says {_expected[parts[0]]}");
                }
            }

            if (mismatches.Count == 0 && output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length != _values.Count)
            {
                mismatches.Add("The ABI probe printed fewer values than were declared.");
            }

            return mismatches;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private CProgram Expect(string name, string expression, string format, long value)
    {
        _values.Add((name, expression, format));
        _expected[name] = value.ToString(CultureInfo.InvariantCulture);
        return this;
    }

    private string Source()
    {
        StringBuilder source = new();
        source.AppendLine("#define _GNU_SOURCE");
        foreach (string include in (string[])["stdio.h", "stddef.h", .. _includes])
        {
            source.AppendLine(CultureInfo.InvariantCulture, $"#include <{include}>");
        }

        source.AppendLine("int main(void)\n{");
        foreach ((string name, string expression, string format) in _values)
        {
            source.AppendLine(CultureInfo.InvariantCulture, $"    printf(\"%s\\t{format}\\n\", \"{name}\", {expression});");
        }

        source.AppendLine("    return 0;\n}");
        return source.ToString();
    }

    private static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        ProcessStartInfo startInfo = new(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
