using LivePersist.Core.Profiles;
using LivePersist.Core.Storage;
using Xunit;

namespace LivePersist.Core.Tests.Storage;

public sealed class SessionHandoffFileTests
{
    private static readonly SessionHandoff s_tails = new("/var/lib/gdm3/settings/tails.persistence", "TAILS_PERSISTENCE");

    [Fact]
    public void Format_Should_WriteOneAssignmentPerFact_When_Unlocked()
    {
        // Given
        SessionFacts facts = new(Unlocked: true, ReadOnly: false, "/dev/sda2", "/live/persistence/TailsData_unlocked", ["Thunderbird", "GnuPG"]);

        // When
        string text = SessionHandoffFile.Format(s_tails, facts);

        // Then
        Assert.Equal(
            "TAILS_PERSISTENCE_ENABLED=true\n" +
            "TAILS_PERSISTENCE_READONLY=false\n" +
            "TAILS_PERSISTENCE_DEVICE=/dev/sda2\n" +
            "TAILS_PERSISTENCE_MOUNTPOINT=/live/persistence/TailsData_unlocked\n" +
            "TAILS_PERSISTENCE_FAILED_FEATURES='Thunderbird GnuPG'\n",
            text);
    }

    [Fact]
    public void Format_Should_SayNothingIsUnlocked_When_Locked()
    {
        // When
        string text = SessionHandoffFile.Format(s_tails, SessionFacts.Locked);

        // Then
        Assert.Equal(
            "TAILS_PERSISTENCE_ENABLED=false\nTAILS_PERSISTENCE_READONLY=false\nTAILS_PERSISTENCE_DEVICE=''\n" +
            "TAILS_PERSISTENCE_MOUNTPOINT=''\nTAILS_PERSISTENCE_FAILED_FEATURES=''\n",
            text);
    }

    [Fact]
    public void Format_Should_QuoteValuesSoASourcingShellRunsNothing_When_AFeatureIdHoldsShellSyntax()
    {
        // Given: custom folders are named after their destination, which the user types.
        SessionFacts facts = new(true, true, "/dev/sda2", "/mnt/it's here", ["/home/amnesia/$(reboot)`id`;x"]);

        // When
        string text = SessionHandoffFile.Format(s_tails, facts);

        // Then
        Assert.Contains("TAILS_PERSISTENCE_READONLY=true\n", text);
        Assert.Contains("TAILS_PERSISTENCE_MOUNTPOINT='/mnt/it'\"'\"'s here'\n", text);
        Assert.Contains("TAILS_PERSISTENCE_FAILED_FEATURES='/home/amnesia/$(reboot)`id`;x'\n", text);
    }

    [Fact]
    public void Format_Should_Refuse_When_ThePrefixIsNotAVariableName()
    {
        // When
        ArgumentException exception = Assert.Throws<ArgumentException>(
            () => SessionHandoffFile.Format(s_tails with { VariablePrefix = "X=1;Y" }, SessionFacts.Locked));

        // Then
        Assert.Contains("not a shell variable name", exception.Message);
    }
}
