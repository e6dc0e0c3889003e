using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.FileSystem;

/// <summary>
/// The <c>/proc/self/fd/N</c> path of a descriptor, keeping the descriptor alive while it is in use.
/// Resolving that path jumps straight to the object the descriptor refers to (the kernel does not
/// look the original path up again), so it is how we hand an already safely opened object to calls
/// that only take a path: mount layers, libacl, chmod of an O_PATH descriptor.
/// </summary>
internal sealed class ProcFdPath : IDisposable
{
    private SafeFileHandle? _handle;

    internal ProcFdPath(SafeFileHandle handle, string? suffix = null)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        _handle = handle;
        Text = $"/proc/self/fd/{handle.DangerousGetHandle()}{suffix}";
        Bytes = NativePath.Encode(Text);
    }

    /// <summary>The path as text.</summary>
    internal string Text { get; }

    /// <summary>The path as a NUL-terminated byte string.</summary>
    internal byte[] Bytes { get; }

    /// <summary>Releases the reference taken on the descriptor.</summary>
    public void Dispose()
    {
        _handle?.DangerousRelease();
        _handle = null;
    }
}
