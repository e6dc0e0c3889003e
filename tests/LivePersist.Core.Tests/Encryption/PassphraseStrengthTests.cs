using System.Text;
using LivePersist.Core.Encryption;
using Xunit;

namespace LivePersist.Core.Tests.Encryption;

public sealed class PassphraseStrengthTests
{
    [Fact]
    public void EnsureNotEmpty_Should_ThrowUsage_When_PassphraseIsEmpty()
    {
        PersistenceException exception = Assert.Throws<PersistenceException>(() => PassphraseStrength.EnsureNotEmpty([]));

        Assert.Equal(ErrorKind.Usage, exception.Kind);
        Assert.Contains("empty", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureNotEmpty_Should_Accept_When_PassphraseHasOneByte()
    {
        PassphraseStrength.EnsureNotEmpty("x"u8);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("Password1!")]
    [InlineData("P@ssw0rd")]
    [InlineData("123456789")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou")]
    public void Estimate_Should_ScoreZeroAndSaySo_When_PassphraseIsACommonPassword(string passphrase)
    {
        PassphraseStrengthResult result = Estimate(passphrase);

        Assert.Equal(0, result.Score);
        Assert.Contains("most common passwords", result.Feedback, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("abcdefghijklmnopqrstuvwxyz")]
    [InlineData("hjkl;hjkl;hjkl;")]
    [InlineData("9876543210987654")]
    public void Estimate_Should_ScoreLow_When_PassphraseIsOnlyAPattern(string passphrase)
    {
        PassphraseStrengthResult result = Estimate(passphrase);

        Assert.InRange(result.Score, 0, 1);
        Assert.Contains("repeated characters", result.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_Should_ScoreZero_When_PassphraseIsAShortWord()
    {
        PassphraseStrengthResult result = Estimate("kitten");

        Assert.Equal(0, result.Score);
        Assert.Contains("Too short", result.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_Should_TreatAYearAsAlmostFree()
    {
        Assert.True(Estimate("gardenia1987").EstimatedBits < Estimate("gardenia8179").EstimatedBits);
    }

    [Fact]
    public void Estimate_Should_RateAMixedElevenCharacterPasswordAsMedium()
    {
        Assert.Equal(2, Estimate("Tr0ub4dor&3").Score);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("nightly umbrella oxidize cobalt fjord pelican")]
    public void Estimate_Should_ScoreFour_When_PassphraseIsSeveralRandomWords(string passphrase)
    {
        PassphraseStrengthResult result = Estimate(passphrase);

        Assert.Equal(4, result.Score);
        Assert.Equal("Very strong passphrase.", result.Feedback);
    }

    [Fact]
    public void Estimate_Should_NeverDecrease_When_AWordIsAdded()
    {
        string[] words = ["velvet", "quarry", "lantern", "mosaic", "tundra", "oboe"];
        int previous = 0;
        for (int count = 1; count <= words.Length; count++)
        {
            int score = Estimate(string.Join(' ', words.Take(count))).Score;
            Assert.True(score >= previous, $"{count} words scored {score}, {count - 1} scored {previous}");
            previous = score;
        }

        Assert.Equal(4, previous);
    }

    [Fact]
    public void Estimate_Should_HandleNonAsciiAndInvalidUtf8()
    {
        PassphraseStrengthResult unicode = Estimate("Ünïcödé pässwörter sind 很好 ☃");
        PassphraseStrengthResult invalid = PassphraseStrength.Estimate([0xFF, 0xFE, 0x80, (byte)'a', 0xC3]);

        Assert.InRange(unicode.Score, 3, 4);
        Assert.InRange(invalid.Score, 0, 4);
    }

    [Fact]
    public void Estimate_Should_NotRepeatThePassphraseInTheFeedback()
    {
        foreach (string passphrase in (string[])["hunter2", "zebra", "correct horse battery staple", "aaaaaaaaaaaa"])
        {
            Assert.DoesNotContain(passphrase, Estimate(passphrase).Feedback, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Estimate_Should_ScoreZero_When_PassphraseIsEmpty()
    {
        Assert.Equal(0, PassphraseStrength.Estimate([]).Score);
    }

    [Fact]
    public void Estimate_Should_CopeWithLongInput()
    {
        PassphraseStrengthResult result = Estimate(string.Concat(Enumerable.Range(0, 200).Select(i => $"w{i * 7919 % 1000}x ")));

        Assert.Equal(4, result.Score);
    }

    private static PassphraseStrengthResult Estimate(string passphrase) => PassphraseStrength.Estimate(Encoding.UTF8.GetBytes(passphrase));
}
