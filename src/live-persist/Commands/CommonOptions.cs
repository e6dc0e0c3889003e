using System.CommandLine;

namespace LivePersist.Cli.Commands;

/// <summary>Options shared by several commands (not global).</summary>
internal static class CommonOptions
{
    public static Option<bool> DryRun() => new("--dry-run")
    {
        Description = "Print the plan and change nothing.",
    };

    public static Option<string?> Volume() => new("--volume")
    {
        Description = "The mounted volume to work on (default: the profile's mount point under --root).",
    };

    public static Option<bool> Discard() => new("--discard")
    {
        Description = "Do not save the snapshot folders first: their unsaved changes are lost.",
    };
}
