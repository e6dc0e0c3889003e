using LivePersist.Core.Profiles;
using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

public sealed class SessionHandoffWriterTests
{
    private const string HandoffFile = "var/lib/gdm3/settings/tails.persistence";

    [Fact]
    public void Write_Should_GiveTheSessionValuesItCanSourceAndNothingItWouldRun_When_Unlocked()
    {
        // Given
        Requires.Root();
        using ScratchDirectory root = new();
        string marker = root.Combine("ran");
        SessionFacts facts = new(true, false, "/dev/sda2", "/live/persistence/it's", [$"/home/amnesia/$(touch {marker})"]);

        // When
        SessionHandoffWriter.Write(ProfileLoader.Default, root.Path, facts, new RecordingLog());

        // Then: root-owned 0644, and a shell that sources it gets the values back verbatim.
        string path = root.Combine(HandoffFile);
        Assert.Equal("0 0 644", Tool.Run("stat", "-c", "%u %g %a", path).Trim());
        string sourced = Tool.Run("bash", "-c",
            $". '{path}'; printf '%s|%s|%s|%s' \"$TAILS_PERSISTENCE_ENABLED\" \"$TAILS_PERSISTENCE_READONLY\" \"$TAILS_PERSISTENCE_MOUNTPOINT\" \"$TAILS_PERSISTENCE_FAILED_FEATURES\"");
        Assert.Equal($"true|false|/live/persistence/it's|/home/amnesia/$(touch {marker})", sourced);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Write_Should_ReplaceASymlinkInsteadOfFollowingIt_When_OneWasPlantedAtTheFile()
    {
        // Given
        Requires.Root();
        using ScratchDirectory root = new();
        string victim = root.Combine("victim");
        File.WriteAllText(victim, "precious\n");
        string path = root.Combine(HandoffFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, victim);

        // When
        SessionHandoffWriter.Write(ProfileLoader.Default, root.Path, SessionFacts.Locked, new RecordingLog());

        // Then
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.StartsWith("TAILS_PERSISTENCE_ENABLED=false\n", File.ReadAllText(path));
    }

    [Fact]
    public void Write_Should_WarnAndGoOn_When_TheDirectoryCannotBeMade()
    {
        // Given: a file where the settings directory should be.
        Requires.Root();
        using ScratchDirectory root = new();
        Directory.CreateDirectory(root.Combine("var/lib"));
        File.WriteAllText(root.Combine("var/lib/gdm3"), string.Empty);
        RecordingLog log = new();

        // When
        SessionHandoffWriter.Write(ProfileLoader.Default, root.Path, SessionFacts.Locked, log);

        // Then
        Assert.Contains(log.Warnings, warning => warning.Contains("could not be told about the Persistent Storage", StringComparison.Ordinal));
    }
}
