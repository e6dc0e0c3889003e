using System.Text;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.FileSystem;

/// <summary>
/// Extended attributes of an open file or directory (not an O_PATH descriptor: the f*xattr calls refuse
/// those). ACLs are the <c>system.posix_acl_*</c> attributes and come with the rest.
/// </summary>
internal static class ExtendedAttributes
{
    /// <summary>The names of every attribute the caller may see.</summary>
    internal static unsafe List<string> List(SafeFileHandle file, string displayPath)
    {
        while (true)
        {
            nint size = Interop.Libc.FListXAttr(file, null, 0);
            if (size < 0)
            {
                Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                if (error.Error == Interop.Errno.EOPNOTSUPP)
                {
                    return [];
                }

                throw FileSystemErrors.FromOperation(error, displayPath);
            }

            byte[] buffer = new byte[Math.Max(1, size)];
            nint read;
            fixed (byte* list = buffer)
            {
                read = Interop.Libc.FListXAttr(file, list, (nuint)buffer.Length);
            }

            if (read < 0)
            {
                Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                if (error.Error == Interop.Errno.ERANGE)
                {
                    continue; // it grew meanwhile
                }

                throw FileSystemErrors.FromOperation(error, displayPath);
            }

            List<string> names = [];
            foreach (string name in Encoding.UTF8.GetString(buffer, 0, (int)read).Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(name);
            }

            return names;
        }
    }

    /// <summary>The value of <paramref name="name"/>, or null when the file has no such attribute.</summary>
    internal static unsafe byte[]? Get(SafeFileHandle file, string name, string displayPath)
    {
        byte[] encodedName = NativePath.Encode(name);
        while (true)
        {
            nint size;
            fixed (byte* namePointer = encodedName)
            {
                size = Interop.Libc.FGetXAttr(file, namePointer, null, 0);
            }

            if (size < 0)
            {
                Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                if (error.Error is Interop.Errno.ENODATA or Interop.Errno.EOPNOTSUPP)
                {
                    return null;
                }

                throw FileSystemErrors.FromOperation(error, displayPath);
            }

            byte[] value = new byte[size];
            nint read;
            fixed (byte* namePointer = encodedName)
            fixed (byte* valuePointer = value)
            {
                read = Interop.Libc.FGetXAttr(file, namePointer, size == 0 ? null : valuePointer, (nuint)value.Length);
            }

            if (read < 0)
            {
                Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                if (error.Error == Interop.Errno.ERANGE)
                {
                    continue;
                }

                throw FileSystemErrors.FromOperation(error, displayPath);
            }

            return read == value.Length ? value : value[..(int)read];
        }
    }

    /// <summary>Sets <paramref name="name"/>; returns the error instead of throwing when the file system refuses it.</summary>
    internal static unsafe Interop.ErrorInfo? TrySet(SafeFileHandle file, string name, byte[] value)
    {
        byte[] encodedName = NativePath.Encode(name);
        int result;
        fixed (byte* namePointer = encodedName)
        fixed (byte* valuePointer = value)
        {
            result = Interop.Libc.FSetXAttr(file, namePointer, valuePointer, (nuint)value.Length, 0);
        }

        return result < 0 ? Interop.GetLastErrorInfo() : null;
    }

    /// <summary>Removes <paramref name="name"/>; returns the error instead of throwing when it could not be removed.</summary>
    internal static unsafe Interop.ErrorInfo? TryRemove(SafeFileHandle file, string name)
    {
        byte[] encodedName = NativePath.Encode(name);
        int result;
        fixed (byte* namePointer = encodedName)
        {
            result = Interop.Libc.FRemoveXAttr(file, namePointer);
        }

        return result < 0 ? Interop.GetLastErrorInfo() : null;
    }
}
