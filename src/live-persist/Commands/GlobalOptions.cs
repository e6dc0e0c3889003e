using System.CommandLine;

namespace LivePersist.Cli.Commands;

/// <summary>The options every command accepts (recursive on the root command).</summary>
internal static class GlobalOptions
{
    public static Option<string> Root { get; } = new("--root")
    {
        Description = "The system root that destinations live under (default /; tests and image builders use a scratch directory).",
        DefaultValueFactory = _ => "/",
        Recursive = true,
    };

    public static Option<string> Profile { get; } = new("--profile")
    {
        Description = "Profile name (tails, debian-live) or the path of a profile file.",
        DefaultValueFactory = _ => Core.Profiles.ProfileLoader.DefaultName,
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine-readable output (JSON on stdout, errors included).",
        Recursive = true,
    };

    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Say what is done, step by step.",
        Recursive = true,
    };

    public static Option<FileInfo?> LogFile { get; } = new("--log-file")
    {
        Description = "Also append the log to this file.",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Root, Profile, Json, Verbose, LogFile];
}
