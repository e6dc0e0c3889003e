using System.Security.Cryptography;

namespace LivePersist.Linux.Secrets;

/// <summary>
/// A fixed-capacity byte buffer for a secret (a passphrase): allocated on the pinned heap so the GC never leaves
/// copies behind, and zeroed on <see cref="Dispose"/>. Use <see cref="Span"/> to pass the secret on; never turn it
/// into a <see cref="string"/>.
/// </summary>
public sealed class SecretBuffer : IDisposable
{
    private readonly byte[] _buffer;

    private int _length;

    private bool _disposed;

    /// <summary>Creates an empty buffer that can hold <paramref name="capacity"/> bytes.</summary>
    public SecretBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffer = GC.AllocateArray<byte>(capacity, pinned: true);
    }

    /// <summary>How many bytes the buffer can hold.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>How many bytes the secret has.</summary>
    public int Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _length;
        }
    }

    /// <summary>True when the secret has no bytes.</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>The secret bytes.</summary>
    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _buffer.AsSpan(0, _length);
        }
    }

    /// <summary>A buffer holding a copy of <paramref name="secret"/> (the caller clears its own copy).</summary>
    public static SecretBuffer CopyOf(ReadOnlySpan<byte> secret)
    {
        SecretBuffer buffer = new(Math.Max(1, secret.Length));
        secret.CopyTo(buffer._buffer);
        buffer._length = secret.Length;
        return buffer;
    }

    /// <summary>Appends one byte; false (and nothing changed) when the buffer is full.</summary>
    public bool TryAppend(byte value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_length == _buffer.Length)
        {
            return false;
        }

        _buffer[_length++] = value;
        return true;
    }

    /// <summary>Drops the last byte, zeroing it; false when the buffer is empty.</summary>
    public bool TryRemoveLast()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_length == 0)
        {
            return false;
        }

        _buffer[--_length] = 0;
        return true;
    }

    /// <summary>Sets the length to <paramref name="length"/> and returns those bytes to fill in at once.</summary>
    internal Span<byte> Fill(int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)_buffer.Length, nameof(length));
        _length = length;
        return _buffer.AsSpan(0, length);
    }

    /// <summary>Zeroes the secret and makes the buffer empty again.</summary>
    public void Clear()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CryptographicOperations.ZeroMemory(_buffer);
        _length = 0;
    }

    /// <summary>Zeroes the whole buffer. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_buffer);
        _length = 0;
        _disposed = true;
    }

    /// <summary>For tests: whether every byte of the storage is zero (true after <see cref="Dispose"/>).</summary>
    internal bool StorageIsZero() => _buffer.AsSpan().IndexOfAnyExcept((byte)0) < 0;
}
