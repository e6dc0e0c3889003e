using System.Text.Json;
using LivePersist.Core.Config;
using LivePersist.IntegrationTests.Lifecycle;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;
using Xunit;

namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>The list file on a real volume (owner, mode, Tails' form) through the command line, and the notices of status.</summary>
[Collection(AdditionalSoftwareCollection.Name)]
public sealed class AdditionalSoftwareListTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Add_Should_WriteTailsFormWithTheProfilesOwnerAndMode_When_NamesCarryArchitectureVersionOrRelease()
    {
        Requires.Root();

        // Given
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume, repository: null);
        string file = system.VolumePath + "/live-additional-software.conf";

        // When
        CliResult added = system.Cli("--json", "additional-software", "add", "vim:amd64", "mat2=0.13.3-1", "keepassxc/bookworm-backports", "vim");

        // Then
        LivePersistCli.AssertSuccess(added);
        Assert.Equal("keepassxc\nmat2\nvim", File.ReadAllText(file));
        Assert.Equal("115:122 644 regular file", Tool.Run("stat", "--format", "%u:%g %a %F", file).Trim());
        using (JsonDocument json = JsonDocument.Parse(added.Stdout))
        {
            Assert.Equal(["keepassxc", "mat2", "vim"], json.RootElement.GetProperty("added").EnumerateArray().Select(element => element.GetString()));
            Assert.True(json.RootElement.GetProperty("active").GetBoolean());
        }

        // And remove says what was not there
        CliResult removed = system.Cli("additional-software", "remove", "mat2", "emacs");
        LivePersistCli.AssertSuccess(removed);
        Assert.Contains("Not in your additional software: emacs.", removed.Stderr, StringComparison.Ordinal);
        Assert.Equal("keepassxc\nvim", File.ReadAllText(file));
        Assert.Equal("keepassxc\nvim\n", system.Cli("additional-software", "list").Stdout);
    }

    [Fact]
    public void List_Should_ReadTheFile_When_ItWasWrittenWithATrailingNewlineAndBlankLines()
    {
        Requires.Root();

        // Given: a list edited by hand, by the rules
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume, repository: null);
        string file = system.VolumePath + "/live-additional-software.conf";
        File.WriteAllText(file, "vim\n\nmat2\n");
        Tool.Run("chown", "115:122", file);
        Tool.Run("chmod", "0644", file);

        // When
        CliResult result = system.Cli("--json", "additional-software", "list");

        // Then
        LivePersistCli.AssertSuccess(result);
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["mat2", "vim"], json.RootElement.GetProperty("packages").EnumerateArray().Select(element => element.GetString()));
    }

    [Fact]
    public void List_Should_RefuseTheFile_When_SomeoneElseCouldHaveWrittenIt()
    {
        Requires.Root();

        // Given: the desktop user owns the list
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume, repository: null);
        string file = system.VolumePath + "/live-additional-software.conf";
        File.WriteAllText(file, "evil-package");
        Tool.Run("chown", "1000:1000", file);
        Tool.Run("chmod", "0644", file);

        // Then: not used, neither for installing nor for adding
        LivePersistCli.AssertFailure(system.Cli("additional-software", "install"), 6, "live-additional-software.conf", "cannot be trusted", "owned by 1000:1000");
        LivePersistCli.AssertFailure(system.Cli("additional-software", "add", "vim"), 6, "cannot be trusted");
        Assert.Equal("evil-package", File.ReadAllText(file));
    }

    [Fact]
    public void Scan_Should_ReportEveryLegacyOrDisabledFile_When_TheVolumeRootHasThem()
    {
        // Given: a volume root as older Tails versions and our own policy leave it
        string root = _scratch.Combine("volume");
        Directory.CreateDirectory(root);
        foreach (string name in (string[])["persistence.conf", "live-additional-software.conf", "live-additional-software.conf.disabled",
            "live-persistence.conf", "live-persistence.conf.old", "persistence.conf.invalid", "persistence.conf.insecure_disabled"])
        {
            File.WriteAllText(Path.Combine(root, name), string.Empty);
        }

        Directory.CreateSymbolicLink(Path.Combine(root, "live-additional-software.conf.invalid"), "/nonexistent");

        // When
        using DirectoryHandle volume = DirectoryHandle.Open(root);
        IReadOnlyList<VolumeNotice> notices = VolumeNoticeScanner.Scan(volume);

        // Then: each with what to do, a dangling symlink too (never followed)
        Assert.Equal(
            ["live-persistence.conf", "persistence.conf.invalid", "persistence.conf.insecure_disabled", "live-persistence.conf.old",
             "live-additional-software.conf.invalid", "live-additional-software.conf.disabled"],
            notices.Select(notice => notice.File));
        Assert.All(notices, notice => Assert.Contains("delete", notice.Message, StringComparison.Ordinal));
    }

    public void Dispose() => _scratch.Dispose();
}
