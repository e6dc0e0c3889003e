using System.Text;

namespace LivePersist.Linux.FileSystem;

/// <summary>Paths and names as the kernel sees them: NUL-terminated UTF-8 byte strings.</summary>
internal static class NativePath
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes <paramref name="path"/> as UTF-8 with a terminating NUL.</summary>
    internal static byte[] Encode(string path)
    {
        if (path.Contains('\0'))
        {
            throw new ArgumentException("A path cannot contain a NUL character.", nameof(path));
        }

        byte[] bytes = new byte[s_strictUtf8.GetByteCount(path) + 1];
        s_strictUtf8.GetBytes(path, bytes);
        return bytes;
    }

    /// <summary>Decodes a name read from the file system; null if it is not valid UTF-8.</summary>
    internal static string? TryDecode(ReadOnlySpan<byte> name)
    {
        try
        {
            return s_strictUtf8.GetString(name);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Decodes a name for a message: invalid bytes become U+FFFD.</summary>
    internal static string DecodeForDisplay(ReadOnlySpan<byte> name) => Encoding.UTF8.GetString(name);

    /// <summary>The bytes of a NUL-terminated name, without the NUL.</summary>
    internal static ReadOnlySpan<byte> WithoutTerminator(byte[] terminated) => terminated.AsSpan(0, terminated.Length - 1);
}
