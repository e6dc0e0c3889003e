using System.Text;
using LivePersist.Linux.Secrets;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace LivePersist.Linux.Tests.Crypto;

/// <summary>Standard input redirected from a regular file (<c>live-persist change-passphrase &lt;file</c>).</summary>
public sealed class PassphraseReaderFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"passphrases-{Guid.NewGuid():N}");

    [Fact]
    public void Read_Should_ReturnOneLineAtATime_When_InputIsARegularFile()
    {
        // Given
        File.WriteAllText(_path, "old passphrase\nnew passphrase\n");
        using SafeFileHandle file = File.OpenHandle(_path);
        PassphraseReader reader = PassphraseReader.ForFileDescriptor((int)file.DangerousGetHandle(), TextWriter.Null);

        // When
        using SecretBuffer first = reader.Read(string.Empty);
        using SecretBuffer second = reader.Read(string.Empty);

        // Then
        Assert.Equal("old passphrase"u8.ToArray(), first.Span.ToArray());
        Assert.Equal("new passphrase"u8.ToArray(), second.Span.ToArray());
    }

    [Fact]
    public void Read_Should_LeaveTheFileOffsetAfterTheNewline_When_InputIsARegularFile()
    {
        // Given
        File.WriteAllText(_path, "first\nsecond\n");
        using SafeFileHandle file = File.OpenHandle(_path);

        // When
        using SecretBuffer first = PassphraseReader.ForFileDescriptor((int)file.DangerousGetHandle(), TextWriter.Null).Read(string.Empty);

        // Then: whoever reads the descriptor next (a later reader, a child process) gets the rest.
        using FileStream rest = new(file, FileAccess.Read, bufferSize: 0);
        using StreamReader text = new(rest, Encoding.UTF8);
        Assert.Equal("second\n", text.ReadToEnd());
    }

    public void Dispose() => File.Delete(_path);
}
