using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>The guided assistant through the real command, answers on stdin as the grammar in its help says.</summary>
public sealed class SetupTests : IDisposable
{
    private const string Passphrase = "passphrase of the stick";

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Setup_Should_StopAtTheFailingStepWithItsExitCode_When_BootstrapCannotUnlock()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, $"{Passphrase}\nenable GnuPG\ndone\ndelete\n",
            ["setup", "--step", "bootstrap", "--step", "configure", "--step", "delete", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]);

        // Then
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Step 1 of 3: create the Persistent Storage", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("live-persist: Creating the Persistent Storage failed", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("live-persist: setup stopped at the bootstrap step (exit code 1); the steps after it were not run.", result.ErrorLines[^1]);
        Assert.DoesNotContain("Step 2 of 3", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
    }

    [Fact]
    public void Setup_Should_ApplyEachChangeAtOnce_When_ConfigureLinesComeOnStdin()
    {
        Requires.Root();

        // Given
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        const string Lines = """
            # what this Persistent Storage keeps
            enable GnuPG

            enable Dotfiles
            add "/home/amnesia/My Documents"
            disable Dotfiles
            done
            """;

        // When
        CliResult result = LivePersistCli.RunWithRoot(volume.Root, Lines + "\n", "setup", "--step", "configure");

        // Then
        LivePersistCli.AssertSuccess(result);
        Assert.Contains("GnuPG is on.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("/home/amnesia/My Documents is persistent.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Dotfiles is off", result.Stderr, StringComparison.Ordinal);
        string configuration = File.ReadAllText(volume.ConfigurationPath);
        Assert.Contains("/home/amnesia/.gnupg\tsource=gnupg", configuration, StringComparison.Ordinal);
        Assert.Contains("source=home/amnesia/My Documents", configuration, StringComparison.Ordinal);
        Assert.DoesNotContain("dotfiles", configuration, StringComparison.Ordinal);
        Assert.NotNull(MountTable.Read().FindByMountPoint(Path.Combine(volume.Root, "home/amnesia/.gnupg")));
        Assert.NotNull(MountTable.Read().FindByMountPoint(Path.Combine(volume.Root, "home/amnesia/My Documents")));
        Assert.Matches(@"(?m)^GnuPG\s+yes\s+yes", result.Stdout);
    }

    [Fact]
    public void Setup_Should_Exit2AndChangeNothing_When_AConfigureLineIsNotInTheGrammar()
    {
        Requires.Root();

        // Given
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        bool hadConfiguration = File.Exists(volume.ConfigurationPath);

        // When
        CliResult result = LivePersistCli.RunWithRoot(volume.Root, "enable GnuPG\nturn on Dotfiles\ndone\n", "setup", "--step", "configure");

        // Then
        AssertStoppedAtConfigure(result, 2, "Configure, line 2: unknown command 'turn'", "nothing was changed");
        Assert.Equal(hadConfiguration, File.Exists(volume.ConfigurationPath));
        Assert.Null(MountTable.Read().FindByMountPoint(Path.Combine(volume.Root, "home/amnesia/.gnupg")));
    }

    [Fact]
    public void Setup_Should_Exit2AndChangeNothing_When_AFeatureDoesNotExist()
    {
        Requires.Root();

        // Given
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);

        // When
        CliResult result = LivePersistCli.RunWithRoot(volume.Root, "enable GnuPG\nenable Emacs\n", "setup", "--step", "configure");

        // Then
        AssertStoppedAtConfigure(result, 2, "Configure, line 2: there is no feature 'Emacs'");
        Assert.Null(MountTable.Read().FindByMountPoint(Path.Combine(volume.Root, "home/amnesia/.gnupg")));
    }

    [Fact]
    public void Setup_Should_DeleteThePersistentStorage_When_TheDeletionIsConfirmed()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddEncryptedPartition(stick, Passphrase);

        // When
        CliResult result = LivePersistCli.Run(_scratch, "delete\n", "setup", "--step", "delete", "--device", stick.DevicePath, "--allow-fixed");

        // Then
        LivePersistCli.AssertSuccess(result);
        Assert.Contains("Setup is complete.", result.Stderr, StringComparison.Ordinal);
        Assert.False(LifecycleSticks.TableHasPartition(stick, 2));
    }

    [Fact]
    public void Setup_Should_Exit130AndDeleteNothing_When_TheDeletionIsNotConfirmed()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, "yes\n", "setup", "--step", "delete", "--device", stick.DevicePath, "--allow-fixed");

        // Then
        Assert.Equal(130, result.ExitCode);
        Assert.Contains("live-persist: The deletion was not confirmed", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
    }

    [Fact]
    public void Setup_Should_Exit2_When_NoStepIsGiven()
    {
        Requires.Root();

        // When
        CliResult result = LivePersistCli.Run(_scratch, null, "setup");

        // Then
        LivePersistCli.AssertFailure(result, 2, "Give at least one step");
    }

    public void Dispose() => _scratch.Dispose();

    // The step's own one-line message, then the line saying where setup stopped; no stack trace.
    private static void AssertStoppedAtConfigure(CliResult result, int exitCode, params string[] fragments)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit code {exitCode}, got {result}");
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(
            ["Step 1 of 1: choose what is persistent", $"live-persist: setup stopped at the configure step (exit code {exitCode})."],
            [result.ErrorLines[0], result.ErrorLines[^1]]);
        Assert.Equal(3, result.ErrorLines.Count);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, result.ErrorLines[1], StringComparison.Ordinal);
        }
    }
}
