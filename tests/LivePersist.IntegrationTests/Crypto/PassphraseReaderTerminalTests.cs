using LivePersist.Core;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Secrets;
using Xunit;

namespace LivePersist.IntegrationTests.Crypto;

public sealed class PassphraseReaderTerminalTests : IDisposable
{
    private readonly PseudoTerminal _terminal = PseudoTerminal.Start();

    private readonly StringWriter _prompts = new();

    [Fact]
    public async Task Read_Should_NotEchoThePassphraseAndRestoreEcho_When_ReadingFromATerminal()
    {
        Requires.Root();

        // Given: a terminal that echoes, and proof that we see what it displays
        Assert.True(_terminal.Echoes);
        _terminal.Display("ready\r\n");
        PseudoTerminal.WaitUntil(() => _terminal.Screen.Contains("ready", StringComparison.Ordinal), "the terminal to display 'ready'");
        PassphraseReader reader = PassphraseReader.ForFileDescriptor((int)_terminal.Terminal.DangerousGetHandle(), _prompts);
        Assert.True(reader.IsTerminal);

        // When
        Task<SecretBuffer> reading = Task.Run(() => reader.Read("Passphrase: "), TestContext.Current.CancellationToken);
        PseudoTerminal.WaitUntil(() => !_terminal.Echoes, "echo to be turned off");
        _terminal.Type("s3cret words\n");
        using SecretBuffer passphrase = await reading.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        // Then
        Assert.Equal("s3cret words"u8.ToArray(), passphrase.Span.ToArray());
        Assert.True(_terminal.Echoes);
        _terminal.Display("done\r\n");
        PseudoTerminal.WaitUntil(() => _terminal.Screen.Contains("done", StringComparison.Ordinal), "the terminal to display 'done'");
        Assert.DoesNotContain("s3cret", _terminal.Screen, StringComparison.Ordinal);
        Assert.Equal("Passphrase: ", _prompts.ToString());
    }

    [Fact]
    public async Task Read_Should_RestoreEchoAndReportCancelled_When_UserPressesCtrlD()
    {
        Requires.Root();

        // Given
        PassphraseReader reader = PassphraseReader.ForFileDescriptor((int)_terminal.Terminal.DangerousGetHandle(), _prompts);
        Task<SecretBuffer> reading = Task.Run(() => reader.Read("Passphrase: "), TestContext.Current.CancellationToken);
        PseudoTerminal.WaitUntil(() => !_terminal.Echoes, "echo to be turned off");

        // When
        _terminal.Type("\u0004");

        // Then
        PersistenceException exception = await Assert.ThrowsAsync<PersistenceException>(
            () => reading.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
        Assert.Equal(ErrorKind.Cancelled, exception.Kind);
        Assert.True(_terminal.Echoes);
    }

    [Fact]
    public async Task Read_Should_ReadSeveralPassphrasesInOrder_When_TypedOnePerLine()
    {
        Requires.Root();

        // Given
        PassphraseReader reader = PassphraseReader.ForFileDescriptor((int)_terminal.Terminal.DangerousGetHandle(), _prompts);

        // When
        SecretBuffer[] passphrases = new SecretBuffer[2];
        for (int i = 0; i < passphrases.Length; i++)
        {
            Task<SecretBuffer> reading = Task.Run(() => reader.Read("Passphrase: "), TestContext.Current.CancellationToken);
            PseudoTerminal.WaitUntil(() => !_terminal.Echoes, "echo to be turned off");
            _terminal.Type(i == 0 ? "old one\n" : "new one\n");
            passphrases[i] = await reading.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
            PseudoTerminal.WaitUntil(() => _terminal.Echoes, "echo to be restored");
        }

        // Then
        Assert.Equal("old one"u8.ToArray(), passphrases[0].Span.ToArray());
        Assert.Equal("new one"u8.ToArray(), passphrases[1].Span.ToArray());
        Assert.Equal("Passphrase: Passphrase: ", _prompts.ToString());
        foreach (SecretBuffer passphrase in passphrases)
        {
            passphrase.Dispose();
        }
    }

    public void Dispose()
    {
        _terminal.Dispose();
        _prompts.Dispose();
    }
}
