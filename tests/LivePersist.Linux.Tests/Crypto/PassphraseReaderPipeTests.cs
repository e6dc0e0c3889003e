using System.IO.Pipes;
using System.Text;
using LivePersist.Core;
using LivePersist.Linux.Secrets;
using Xunit;

namespace LivePersist.Linux.Tests.Crypto;

public sealed class PassphraseReaderPipeTests : IDisposable
{
    private readonly AnonymousPipeServerStream _readEnd = new(PipeDirection.In);

    private readonly AnonymousPipeClientStream _writer;

    private readonly StringWriter _prompts = new();

    public PassphraseReaderPipeTests()
    {
        // The writer owns the write end: disposing it is what gives the reader end of file.
        _writer = new AnonymousPipeClientStream(PipeDirection.Out, _readEnd.ClientSafePipeHandle);
    }

    private PassphraseReader Reader => PassphraseReader.ForFileDescriptor((int)_readEnd.SafePipeHandle.DangerousGetHandle(), _prompts);

    [Fact]
    public void Read_Should_ReturnOneLineAtATimeWithoutNewline_When_InputIsAPipe()
    {
        // Given
        Send("old passphrase\nnew passphrase\nlast one without newline", close: true);
        PassphraseReader reader = Reader;

        // When
        using SecretBuffer first = reader.Read("Old passphrase: ");
        using SecretBuffer second = reader.Read("New passphrase: ");
        using SecretBuffer third = reader.Read("Again: ");

        // Then
        Assert.False(reader.IsTerminal);
        Assert.Equal("old passphrase"u8.ToArray(), first.Span.ToArray());
        Assert.Equal("new passphrase"u8.ToArray(), second.Span.ToArray());
        Assert.Equal("last one without newline"u8.ToArray(), third.Span.ToArray());
        Assert.Empty(_prompts.ToString());
    }

    [Fact]
    public void Read_Should_ConsumeNothingPastTheNewline()
    {
        // Given
        Send("first\nsecond\n", close: true);

        // When
        using SecretBuffer first = Reader.Read(string.Empty);

        // Then
        using StreamReader rest = new(_readEnd, Encoding.UTF8, leaveOpen: true);
        Assert.Equal("second\n", rest.ReadToEnd());
    }

    [Fact]
    public void Read_Should_KeepEveryByte_When_PassphraseIsNotAscii()
    {
        // Given
        byte[] passphrase = Encoding.UTF8.GetBytes("pâté été ☃ \t trailing space ");
        _writer.Write([.. passphrase, (byte)'\n']);
        _writer.Dispose();

        // When
        using SecretBuffer read = Reader.Read(string.Empty);

        // Then
        Assert.Equal(passphrase, read.Span.ToArray());
    }

    [Fact]
    public void Read_Should_ReturnAnEmptyPassphrase_When_TheLineIsEmpty()
    {
        Send("\nnext\n", close: true);

        using SecretBuffer empty = Reader.Read(string.Empty);

        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public void Read_Should_ThrowUsage_When_InputEndsBeforeAPassphrase()
    {
        Send("only one\n", close: true);
        PassphraseReader reader = Reader;
        using SecretBuffer first = reader.Read(string.Empty);

        PersistenceException exception = Assert.Throws<PersistenceException>(() => reader.Read(string.Empty));

        Assert.Equal(ErrorKind.Usage, exception.Kind);
    }

    [Fact]
    public void Read_Should_ThrowUsage_When_PassphraseIsTooLong()
    {
        Send(new string('x', PassphraseReader.MaximumLength + 1) + "\n", close: true);

        PersistenceException exception = Assert.Throws<PersistenceException>(() => Reader.Read(string.Empty));

        Assert.Equal(ErrorKind.Usage, exception.Kind);
        Assert.Contains($"{PassphraseReader.MaximumLength} bytes", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _readEnd.Dispose();
        _prompts.Dispose();
    }

    private void Send(string text, bool close)
    {
        _writer.Write(Encoding.UTF8.GetBytes(text));
        if (close)
        {
            _writer.Dispose();
        }
    }
}
