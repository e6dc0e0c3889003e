using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.SystemTests.Support;

/// <summary>
/// A hash of a disk image's content that is equal for two images exactly when they hold the same
/// bytes, computed without reading the holes of a sparse image: SHA-256 of the image's length, then of
/// every 4 KiB block that is not all zeros, with its offset. An 8 GiB stick image hashes in a second,
/// not a minute.
/// </summary>
public static partial class ImageFingerprint
{
    private const int BlockBytes = 4096;
    private const int ChunkBytes = 1 << 20;
    private const int SeekData = 3;
    private const int SeekHole = 4;
    private const int NoSuchDataOrHole = 6; // ENXIO: no data after the offset

    public static string Compute(string path)
    {
        using SafeFileHandle file = File.OpenHandle(path);
        long length = RandomAccess.GetLength(file);
        using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] chunk = new byte[ChunkBytes];
        byte[] offsetBytes = new byte[sizeof(long)];
        hash.AppendData(BitConverter.GetBytes(length));
        long offset = 0;
        while (offset < length)
        {
            long dataStart = Seek(file, offset, SeekData);
            if (dataStart < 0)
            {
                break;
            }

            long dataEnd = Math.Min(Seek(file, dataStart, SeekHole), length);
            // Extents are block-aligned on every file system we run on; align down to be sure.
            for (long position = dataStart - (dataStart % BlockBytes); position < dataEnd; position += ChunkBytes)
            {
                int read = RandomAccess.Read(file, chunk.AsSpan(0, (int)Math.Min(ChunkBytes, dataEnd - position)), position);
                for (int block = 0; block < read; block += BlockBytes)
                {
                    ReadOnlySpan<byte> bytes = chunk.AsSpan(block, Math.Min(BlockBytes, read - block));
                    if (bytes.ContainsAnyExcept((byte)0))
                    {
                        BitConverter.TryWriteBytes(offsetBytes, position + block);
                        hash.AppendData(offsetBytes);
                        hash.AppendData(bytes);
                    }
                }
            }

            offset = dataEnd;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static long Seek(SafeFileHandle file, long offset, int whence)
    {
        long result = LSeek(file, offset, whence);
        if (result < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error == NoSuchDataOrHole)
            {
                return -1;
            }

            throw new IOException($"lseek failed: {Marshal.GetPInvokeErrorMessage(error)}");
        }

        return result;
    }

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long LSeek(SafeFileHandle file, long offset, int whence);
}
