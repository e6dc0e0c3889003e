using System.CommandLine;
using LivePersist.Cli.Commands;
using LivePersist.Cli.Output;
using LivePersist.Core;
using LivePersist.Core.Profiles;

namespace LivePersist.Cli;

/// <summary>What every handler gets: the chosen profile and root, the output and the log.</summary>
internal sealed class CliContext : IDisposable
{
    private CliContext(Profile profile, string root, bool json, ConsoleLog log)
    {
        Profile = profile;
        Root = root;
        Json = json;
        Log = log;
    }

    public Profile Profile { get; }

    /// <summary>The absolute, normalised system root that destinations live under.</summary>
    public string Root { get; }

    /// <summary>Whether output is JSON.</summary>
    public bool Json { get; }

    public ConsoleLog Log { get; }

    public static CliContext From(ParseResult parseResult)
    {
        ConsoleLog log = new(parseResult.GetValue(GlobalOptions.Verbose), OpenLogFile(parseResult.GetValue(GlobalOptions.LogFile)));
        return new CliContext(
            LoadProfile(parseResult.GetValue(GlobalOptions.Profile)!),
            NormaliseRoot(parseResult.GetValue(GlobalOptions.Root)!),
            parseResult.GetValue(GlobalOptions.Json),
            log);
    }

    public void Dispose() => Log.Dispose();

    private static Profile LoadProfile(string nameOrPath)
    {
        if (ProfileLoader.BuiltInNames.Contains(nameOrPath))
        {
            return ProfileLoader.LoadBuiltIn(nameOrPath);
        }

        if (!nameOrPath.Contains('/') && !File.Exists(nameOrPath))
        {
            return ProfileLoader.LoadBuiltIn(nameOrPath); // reports the known names
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

    private static StreamWriter? OpenLogFile(FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            return new StreamWriter(file.FullName, append: true);
        }
        catch (IOException exception)
        {
            throw new PersistenceException(ErrorKind.Usage, $"Cannot open the log file {file.FullName}: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new PersistenceException(ErrorKind.Usage, $"Cannot open the log file {file.FullName}: {exception.Message}");
        }
    }
}
