using System.Runtime.InteropServices;
using LivePersist.Core;
using LivePersist.Linux.SafeHandles;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.FileSystem;

/// <summary>
/// POSIX access control lists through libacl, on objects reached safely (a <see cref="DirectoryHandle"/>
/// path, or a handle from <see cref="DirectoryHandle.OpenPath"/>). Symbolic links are refused.
/// </summary>
/// <remarks>
/// Our handles are O_PATH descriptors, and the fd variants of libacl (fgetxattr/fsetxattr underneath)
/// fail on those with EBADF; opening the object for reading instead could have side effects (a FIFO, a
/// device) and does not reach default ACLs. So every call goes through the path <c>/proc/self/fd/N</c>
/// with the following variants (acl_get_file, acl_set_file, ...): the kernel resolves that magic link
/// straight to the object the descriptor holds, with no new lookup of its original path, so nothing on
/// the volume can redirect it. (The <c>_nofollow</c> variants would act on the /proc link itself.)
/// ACL text uses long tag names, commas and numeric ids, for example
/// <c>user::rwx,user:1000:--x,group::rwx,mask::rwx,other::---</c>.
/// </remarks>
public static class Acl
{
    /// <summary>True when the object has an extended access ACL (more than owner/group/other) or a default ACL.</summary>
    public static bool HasExtendedAcl(SafeFileHandle handle)
    {
        using ProcFdPath path = ObjectPath(handle);
        return Check(ExtendedFile(path.Bytes), handle) == 1;
    }

    /// <summary>True when <paramref name="relative"/> has an extended access ACL or a default ACL.</summary>
    public static bool HasExtendedAcl(DirectoryHandle directory, string relative)
    {
        using SafeFileHandle handle = OpenObject(directory, relative);
        return HasExtendedAcl(handle);
    }

    /// <summary>The access ACL as text (see the remarks for the format).</summary>
    public static string GetAccessAclText(SafeFileHandle handle)
    {
        using ProcFdPath path = ObjectPath(handle);
        using SafeAclHandle acl = GetAccessAcl(path.Bytes, handle);
        IntPtr text = Interop.Acl.ToAnyText(acl, null, (byte)',', Interop.Acl.TEXT_NUMERIC_IDS);
        if (text == IntPtr.Zero)
        {
            throw Error(Interop.GetLastErrorInfo(), handle);
        }

        try
        {
            return Marshal.PtrToStringUTF8(text) ?? string.Empty;
        }
        finally
        {
            _ = Interop.Acl.Free(text);
        }
    }

    /// <summary>The access ACL of <paramref name="relative"/> as text.</summary>
    public static string GetAccessAclText(DirectoryHandle directory, string relative)
    {
        using SafeFileHandle handle = OpenObject(directory, relative);
        return GetAccessAclText(handle);
    }

    /// <summary>
    /// Replaces the access ACL with <paramref name="text"/> (any form acl_from_text accepts; names are
    /// resolved through the system's user database). A missing mask entry is computed.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a valid ACL.</exception>
    public static unsafe void SetAccessAcl(SafeFileHandle handle, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using ProcFdPath path = ObjectPath(handle);
        SafeAclHandle acl = Interop.Acl.FromText(text);
        try
        {
            if (acl.IsInvalid)
            {
                throw new ArgumentException($"'{text}' is not a valid ACL.", nameof(text));
            }

            if (Interop.Acl.Valid(acl) != 0 && (Interop.Acl.CalcMask(ref acl) != 0 || Interop.Acl.Valid(acl) != 0))
            {
                throw new ArgumentException($"'{text}' is not a valid ACL.", nameof(text));
            }

            fixed (byte* objectPath = path.Bytes)
            {
                Check(Interop.Acl.SetFile(objectPath, Interop.Acl.ACL_TYPE_ACCESS, acl), handle);
            }
        }
        finally
        {
            acl.Dispose();
        }
    }

    /// <summary>Replaces the access ACL of <paramref name="relative"/> with <paramref name="text"/>.</summary>
    public static void SetAccessAcl(DirectoryHandle directory, string relative, string text)
    {
        using SafeFileHandle handle = OpenObject(directory, relative);
        SetAccessAcl(handle, text);
    }

    /// <summary>
    /// Removes every extended ACL entry (named users and groups, and the mask) and, on a directory, the
    /// default ACL, like <c>setfacl --remove-all</c>: the owner, owning group and other entries stay.
    /// </summary>
    public static unsafe void RemoveExtendedAcl(SafeFileHandle handle)
    {
        using ProcFdPath path = ObjectPath(handle);
        using SafeAclHandle acl = GetAccessAcl(path.Bytes, handle);
        List<IntPtr> extended = [];
        for (int which = Interop.Acl.ACL_FIRST_ENTRY; ; which = Interop.Acl.ACL_NEXT_ENTRY)
        {
            int found = Check(Interop.Acl.GetEntry(acl, which, out IntPtr entry), handle);
            if (found == 0)
            {
                break;
            }

            Check(Interop.Acl.GetTagType(entry, out int tag), handle);
            if (tag is Interop.Acl.ACL_USER or Interop.Acl.ACL_GROUP or Interop.Acl.ACL_MASK)
            {
                extended.Add(entry);
            }
        }

        foreach (IntPtr entry in extended)
        {
            Check(Interop.Acl.DeleteEntry(acl, entry), handle);
        }

        fixed (byte* objectPath = path.Bytes)
        {
            Check(Interop.Acl.SetFile(objectPath, Interop.Acl.ACL_TYPE_ACCESS, acl), handle);
            if (handle.GetStatus().Kind == FileKind.Directory)
            {
                Check(Interop.Acl.DeleteDefaultFile(objectPath), handle);
            }
        }
    }

    /// <summary>
    /// Whether the directory <paramref name="relative"/> has a default ACL (what new files created in it
    /// inherit). False for anything that is not a directory.
    /// </summary>
    public static bool HasDefaultAcl(DirectoryHandle directory, string relative)
    {
        using SafeFileHandle handle = OpenObject(directory, relative);
        if (handle.GetStatus().Kind != FileKind.Directory)
        {
            return false;
        }

        using ProcFdPath path = ObjectPath(handle);
        using SafeAclHandle acl = GetAcl(path.Bytes, Interop.Acl.ACL_TYPE_DEFAULT, handle);
        return Check(Interop.Acl.GetEntry(acl, Interop.Acl.ACL_FIRST_ENTRY, out _), handle) == 1;
    }

    /// <summary>Removes the extended ACL entries and default ACL of <paramref name="relative"/>.</summary>
    public static void RemoveExtendedAcl(DirectoryHandle directory, string relative)
    {
        using SafeFileHandle handle = OpenObject(directory, relative);
        RemoveExtendedAcl(handle);
    }

    private static SafeFileHandle OpenObject(DirectoryHandle directory, string relative)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return directory.OpenPath(relative);
    }

    private static ProcFdPath ObjectPath(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.GetStatus().Kind == FileKind.Symlink)
        {
            string path = handle.GetDisplayPath();
            throw FileSystemErrors.SymlinkInPath(path, path);
        }

        return new ProcFdPath(handle);
    }

    private static unsafe int ExtendedFile(byte[] path)
    {
        fixed (byte* objectPath = path)
        {
            return Interop.Acl.ExtendedFile(objectPath);
        }
    }

    private static SafeAclHandle GetAccessAcl(byte[] path, SafeFileHandle handle) => GetAcl(path, Interop.Acl.ACL_TYPE_ACCESS, handle);

    private static unsafe SafeAclHandle GetAcl(byte[] path, uint type, SafeFileHandle handle)
    {
        SafeAclHandle acl;
        fixed (byte* objectPath = path)
        {
            acl = Interop.Acl.GetFile(objectPath, type);
        }

        if (acl.IsInvalid)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            acl.Dispose();
            throw Error(error, handle);
        }

        return acl;
    }

    private static int Check(int result, SafeFileHandle handle) =>
        result < 0 ? throw Error(Interop.GetLastErrorInfo(), handle) : result;

    private static Exception Error(Interop.ErrorInfo error, SafeFileHandle handle)
    {
        string path = handle.GetDisplayPath();
        return error.Error == Interop.Errno.EOPNOTSUPP
            ? new PersistenceException(
                ErrorKind.Failed,
                $"The file system holding '{path}' does not support ACLs; it must be mounted with the 'acl' option.",
                Interop.GetExceptionForIoErrno(error, path))
            : FileSystemErrors.FromOperation(error, path);
    }
}
