using LivePersist.Linux.Secrets;
using Xunit;

namespace LivePersist.Linux.Tests.Crypto;

public sealed class SecretBufferTests
{
    [Fact]
    public void TryAppend_Should_GrowUpToTheCapacity_When_BytesAreAppended()
    {
        // Given
        using SecretBuffer buffer = new(3);

        // When
        bool[] appended = [buffer.TryAppend((byte)'a'), buffer.TryAppend((byte)'b'), buffer.TryAppend((byte)'c'), buffer.TryAppend((byte)'d')];

        // Then
        Assert.Equal([true, true, true, false], appended);
        Assert.Equal("abc"u8.ToArray(), buffer.Span.ToArray());
    }

    [Fact]
    public void Dispose_Should_ZeroTheStorage()
    {
        // Given
        SecretBuffer buffer = SecretBuffer.CopyOf("hunter2"u8);
        Assert.False(buffer.StorageIsZero());

        // When
        buffer.Dispose();

        // Then
        Assert.True(buffer.StorageIsZero());
        Assert.Throws<ObjectDisposedException>(() => buffer.Span.Length);
    }

    [Fact]
    public void TryRemoveLast_And_Clear_Should_ZeroWhatTheyDrop()
    {
        // Given
        using SecretBuffer buffer = SecretBuffer.CopyOf("ab"u8);

        // When
        Assert.True(buffer.TryRemoveLast());
        string afterRemove = System.Text.Encoding.ASCII.GetString(buffer.Span);
        buffer.Clear();

        // Then
        Assert.Equal("a", afterRemove);
        Assert.True(buffer.IsEmpty);
        Assert.True(buffer.StorageIsZero());
        Assert.False(buffer.TryRemoveLast());
    }
}
