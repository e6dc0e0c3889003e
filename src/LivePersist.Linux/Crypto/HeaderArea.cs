using LivePersist.Linux.Secrets;

namespace LivePersist.Linux.Crypto;

/// <summary>Raw access to the start of a device: the LUKS header copies and keyslot areas, up to the data.</summary>
internal static class HeaderArea
{
    private const int ChunkSize = 1024 * 1024;

    /// <summary>Reads the first <paramref name="length"/> bytes into a buffer that is zeroed when disposed.</summary>
    internal static SecretBuffer Read(string devicePath, int length)
    {
        SecretBuffer image = new(length);
        try
        {
            using FileStream stream = new(devicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            stream.ReadExactly(image.Fill(length));
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="image"/> at offset 0 if the device differs from it, then flushes it.</summary>
    /// <returns>Whether anything had to be written.</returns>
    internal static bool RestoreIfDifferent(string devicePath, ReadOnlySpan<byte> image)
    {
        using (SecretBuffer current = Read(devicePath, image.Length))
        {
            if (current.Span.SequenceEqual(image))
            {
                return false;
            }
        }

        using (FileStream stream = new(devicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0))
        {
            stream.Write(image);
            stream.Flush(flushToDisk: true);
        }

        return true;
    }

    /// <summary>Whether the first <paramref name="length"/> bytes are all zero.</summary>
    internal static bool IsZero(string devicePath, long length)
    {
        byte[] chunk = new byte[ChunkSize];
        using FileStream stream = new(devicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        for (long offset = 0; offset < length; offset += ChunkSize)
        {
            int size = (int)Math.Min(ChunkSize, length - offset);
            stream.ReadExactly(chunk, 0, size);
            if (chunk.AsSpan(0, size).IndexOfAnyExcept((byte)0) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
