using System.CommandLine;
using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Core.Profiles;

namespace LivePersist.Daemon;

/// <summary>live-persistd's command line: options only (docs/service.md, "Command line").</summary>
internal sealed class DaemonCommand : RootCommand
{
    private readonly Option<string> _root = new("--root")
    {
        Description = "The system root that destinations live under (tests use a scratch directory).",
        DefaultValueFactory = _ => "/",
    };

    private readonly Option<string> _profile = new("--profile")
    {
        Description = "Profile name (tails, debian-live) or the path of a profile file.",
        DefaultValueFactory = _ => ProfileLoader.DefaultName,
    };

    private readonly Option<string> _socket = new("--socket")
    {
        Description = "The Unix socket of the API.",
        DefaultValueFactory = _ => DaemonOptions.DefaultSocketPath,
    };

    private readonly Option<int> _webPort = new("--web-port")
    {
        Description = "The web UI's port on 127.0.0.1 (0: the kernel chooses; the links carry the real port).",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<DirectoryInfo?> _webRoot = new("--web-root")
    {
        Description = "Serve the web UI's pages and assets from this directory, read at start-up, instead of the copy built in (development, tests).",
    };

    private readonly Option<string?> _greeterUser = new("--greeter-user")
    {
        Description = "The welcome screen's user, by name or uid, instead of the profile's (tests).",
    };

    private readonly Option<string?> _pbkdf = new("--pbkdf") { Description = "Key derivation function: argon2id (default) or pbkdf2 (tests)." };
    private readonly Option<int?> _pbkdfMemory = new("--pbkdf-memory") { Description = "Argon2id memory cost in KiB (default: Tails' rule, from the free RAM)." };
    private readonly Option<int?> _pbkdfIterations = new("--pbkdf-iterations") { Description = "Iterations (default: 4 for argon2id)." };

    private readonly Option<bool> _allowFixed = new("--allow-fixed")
    {
        Description = "Accept a disk that is not a USB stick or SD card (tests, VM; never needed on a real live system).",
    };

    private readonly Option<string?> _device = new("--device")
    {
        Description = "The disk to use instead of the one the system was started from (tests, VM).",
    };

    private readonly Option<FileInfo?> _logFile = new("--log-file") { Description = "Also append the log to this file." };

    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Log every step, not only warnings and errors." };

    public DaemonCommand()
        : base("live-persistd: the Persistent Storage service (JSON API on a Unix socket, web UI on 127.0.0.1). Runs as root.")
    {
        Options.Add(_root);
        Options.Add(_profile);
        Options.Add(_socket);
        Options.Add(_webPort);
        Options.Add(_webRoot);
        Options.Add(_greeterUser);
        Options.Add(_pbkdf);
        Options.Add(_pbkdfMemory);
        Options.Add(_pbkdfIterations);
        Options.Add(_allowFixed);
        Options.Add(_device);
        Options.Add(_logFile);
        Options.Add(_verbose);
    }

    /// <summary>The log the options ask for.</summary>
    public DaemonLog OpenLog(ParseResult parseResult)
    {
        FileInfo? file = parseResult.GetValue(_logFile);
        try
        {
            return new DaemonLog(parseResult.GetValue(_verbose), file is null ? null : new StreamWriter(file.FullName, append: true));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PersistenceException(ErrorKind.Usage, $"Cannot open the log file {file!.FullName}: {exception.Message}");
        }
    }

    /// <summary>The options, checked: a profile that loads, a root that exists, a port in range.</summary>
    public DaemonOptions ReadOptions(ParseResult parseResult)
    {
        int port = parseResult.GetValue(_webPort);
        if (port is < 0 or > 65535)
        {
            throw new PersistenceException(ErrorKind.Usage, $"--web-port takes 0 to 65535, not {port}.");
        }

        string socket = parseResult.GetValue(_socket)!;
        if (!socket.StartsWith('/'))
        {
            throw new PersistenceException(ErrorKind.Usage, $"--socket takes an absolute path, not '{socket}'.");
        }

        DirectoryInfo? webRoot = parseResult.GetValue(_webRoot);
        if (webRoot is { Exists: false })
        {
            throw new PersistenceException(ErrorKind.Usage, $"--web-root {webRoot.FullName}: no such directory.");
        }

        return new DaemonOptions
        {
            Profile = LoadProfile(parseResult.GetValue(_profile)!),
            Root = NormaliseRoot(parseResult.GetValue(_root)!),
            SocketPath = socket,
            WebPort = port,
            WebRoot = webRoot?.FullName,
            GreeterUser = parseResult.GetValue(_greeterUser),
            Kdf = KdfOverrides.FromOptions(parseResult.GetValue(_pbkdf), parseResult.GetValue(_pbkdfMemory), parseResult.GetValue(_pbkdfIterations)),
            AllowFixed = parseResult.GetValue(_allowFixed),
            Device = parseResult.GetValue(_device),
        };
    }

    private static Profile LoadProfile(string nameOrPath)
    {
        if (ProfileLoader.BuiltInNames.Contains(nameOrPath) || (!nameOrPath.Contains('/') && !File.Exists(nameOrPath)))
        {
            return ProfileLoader.LoadBuiltIn(nameOrPath);
        }

        try
        {
            return ProfileLoader.Parse(File.ReadAllBytes(nameOrPath), $"profile file {nameOrPath}");
        }
        catch (IOException exception)
        {
            throw new PersistenceException(ErrorKind.Usage, $"Cannot read the profile file {nameOrPath}: {exception.Message}");
        }
    }

    private static string NormaliseRoot(string root)
    {
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new PersistenceException(ErrorKind.Usage, $"The root directory {root} does not exist.");
        }

        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}
