using System.Net.Sockets;
using LivePersist.Core;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Daemon;

/// <summary>
/// The API's socket file. Its directory belongs to root and only root may write in it (0755), so nobody can put
/// another socket in its place; the socket itself is 0666, since who may do what is decided per request from the
/// caller's uid. A socket left by a service that died is replaced; a live one, or anything that is not a socket, is not.
/// </summary>
internal static class UnixSocketFile
{
    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode SocketMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Makes the directory ready and removes a stale socket, before Kestrel binds the path.</summary>
    public static void Prepare(string socketPath, DaemonLog log)
    {
        string directory = Path.GetDirectoryName(socketPath)!;
        Directory.CreateDirectory(directory, DirectoryMode);
        FileStatus status = Stat(directory);
        if (status.Kind != FileKind.Directory || status.Uid != 0)
        {
            throw new PersistenceException(ErrorKind.InsecureVolume,
                $"{directory} is not a directory that root owns: the socket cannot be made safe there.");
        }

        File.SetUnixFileMode(directory, DirectoryMode);
        FileStatus socket = Stat(socketPath);
        if (!socket.Exists)
        {
            return;
        }

        if (socket.Kind != FileKind.Socket)
        {
            throw new PersistenceException(ErrorKind.Usage, $"{socketPath} exists and is not a socket: it is left alone; remove it or choose another --socket.");
        }

        if (IsAnswering(socketPath))
        {
            throw new PersistenceException(ErrorKind.Busy, $"Another service answers on {socketPath}: it is left alone.");
        }

        File.Delete(socketPath);
        log.Info($"removed the stale socket {socketPath}");
    }

    /// <summary>Opens the bound socket to every user (connect(2) needs write permission).</summary>
    public static void Open(string socketPath) => File.SetUnixFileMode(socketPath, SocketMode);

    private static FileStatus Stat(string path)
    {
        using DirectoryHandle parent = DirectoryHandle.Open(Path.GetDirectoryName(path)!);
        return parent.Stat(Path.GetFileName(path));
    }

    private static bool IsAnswering(string socketPath)
    {
        using Socket probe = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
