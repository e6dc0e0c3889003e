using System.Diagnostics;
using System.Globalization;
using System.Text;
using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;
using Xunit;

namespace LivePersist.Linux.Tests.BlockDevices;

/// <summary>
/// Checks our copies of libblkid, libfdisk and libc constants against the real headers by compiling C
/// with <c>gcc</c> (needs libblkid-dev and libfdisk-dev), and our <c>makedev</c> against glibc's.
/// </summary>
public sealed class NativeContractTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "contract-" + Guid.NewGuid().ToString("N")[..12]);

    public NativeContractTests()
    {
        Directory.CreateDirectory(_directory);
    }

    [Fact]
    public void Constants_Should_MatchTheHeaders_When_CompiledAgainstThem()
    {
        // Given
        (string Name, long Value)[] constants =
        [
            ("BLKID_SUBLKS_LABEL", Interop.Blkid.BLKID_SUBLKS_LABEL),
            ("BLKID_SUBLKS_UUID", Interop.Blkid.BLKID_SUBLKS_UUID),
            ("BLKID_SUBLKS_TYPE", Interop.Blkid.BLKID_SUBLKS_TYPE),
            ("BLKID_SUBLKS_SECTYPE", Interop.Blkid.BLKID_SUBLKS_SECTYPE),
            ("BLKID_SUBLKS_DEFAULT", Interop.Blkid.BLKID_SUBLKS_DEFAULT),
            ("BLKID_PARTS_FORCE_GPT", Interop.Blkid.BLKID_PARTS_FORCE_GPT),
            ("BLKID_PARTS_ENTRY_DETAILS", Interop.Blkid.BLKID_PARTS_ENTRY_DETAILS),
            ("BLKID_PARTS_MAGIC", Interop.Blkid.BLKID_PARTS_MAGIC),
            ("sizeof(blkid_loff_t)", sizeof(long)),
            ("FDISK_ASKTYPE_NONE", Interop.Fdisk.FDISK_ASKTYPE_NONE),
            ("FDISK_ASKTYPE_NUMBER", Interop.Fdisk.FDISK_ASKTYPE_NUMBER),
            ("FDISK_ASKTYPE_OFFSET", Interop.Fdisk.FDISK_ASKTYPE_OFFSET),
            ("FDISK_ASKTYPE_WARN", Interop.Fdisk.FDISK_ASKTYPE_WARN),
            ("FDISK_ASKTYPE_WARNX", Interop.Fdisk.FDISK_ASKTYPE_WARNX),
            ("FDISK_ASKTYPE_INFO", Interop.Fdisk.FDISK_ASKTYPE_INFO),
            ("FDISK_ASKTYPE_YESNO", Interop.Fdisk.FDISK_ASKTYPE_YESNO),
            ("FDISK_ASKTYPE_STRING", Interop.Fdisk.FDISK_ASKTYPE_STRING),
            ("FDISK_ASKTYPE_MENU", Interop.Fdisk.FDISK_ASKTYPE_MENU),
            ("FDISK_DISKLABEL_DOS", Interop.Fdisk.FDISK_DISKLABEL_DOS),
            ("FDISK_DISKLABEL_GPT", Interop.Fdisk.FDISK_DISKLABEL_GPT),
            ("GPT_LABELITEM_FIRSTLBA", Interop.Fdisk.GPT_LABELITEM_FIRSTLBA),
            ("GPT_LABELITEM_LASTLBA", Interop.Fdisk.GPT_LABELITEM_LASTLBA),
            ("GPT_LABELITEM_ALTLBA", Interop.Fdisk.GPT_LABELITEM_ALTLBA),
            ("sizeof(fdisk_sector_t)", sizeof(ulong)),
            ("sizeof(size_t)", IntPtr.Size),
            ("sizeof(unsigned long)", IntPtr.Size),
            ("sizeof(dev_t)", sizeof(ulong)),
            ("S_IFBLK", Interop.Libc.S_IFBLK),
            ("ENOMEDIUM", (long)Interop.Errno.ENOMEDIUM),
            ("ECANCELED", (long)Interop.Errno.ECANCELED),
            ("ENXIO", (long)Interop.Errno.ENXIO),
        ];
        StringBuilder source = new("""
            #include <errno.h>
            #include <sys/stat.h>
            #include <sys/types.h>
            #include <blkid/blkid.h>
            #include <libfdisk/libfdisk.h>

            """);
        foreach ((string name, long value) in constants)
        {
            source.Append(CultureInfo.InvariantCulture, $"_Static_assert({name} == {value}L, \"{name} is not {value}\");\n");
        }

        // When
        (int exitCode, string output) = Compile(source.ToString(), "-fsyntax-only");

        // Then
        Assert.True(exitCode == 0, output);
    }

    [Theory]
    [InlineData(8, 17)]
    [InlineData(259, 65_536)]
    [InlineData(4096, 1_048_575)]
    public void MakeDev_Should_EncodeLikeGlibc_When_NumbersAreLarge(int major, int minor)
    {
        // Given
        string source = $$"""
            #include <stdio.h>
            #include <sys/sysmacros.h>
            int main(void) { printf("%llu", (unsigned long long) makedev({{major}}u, {{minor}}u)); return 0; }
            """;
        string program = Path.Combine(_directory, "makedev");
        (int exitCode, string output) = Compile(source, "-o", program);
        Assert.True(exitCode == 0, output);

        // When
        string expected = Run(program, []).Output;

        // Then
        Assert.Equal(ulong.Parse(expected, CultureInfo.InvariantCulture), DevT.MakeDev(new DeviceNumber(major, minor)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (int ExitCode, string Output) Compile(string source, params string[] arguments)
    {
        string file = Path.Combine(_directory, "contract.c");
        File.WriteAllText(file, source);
        return Run("gcc", [.. arguments, file]);
    }

    private static (int ExitCode, string Output) Run(string fileName, string[] arguments)
    {
        ProcessStartInfo start = new(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
