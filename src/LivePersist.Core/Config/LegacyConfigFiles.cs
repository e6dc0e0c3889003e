namespace LivePersist.Core.Config;

/// <summary>
/// Configuration file names that older live-boot and Tails versions used instead of
/// <c>persistence.conf</c>. They are never read: a volume that holds one needs migrating.
/// </summary>
public static class LegacyConfigFiles
{
    /// <summary>The old names, at the root of the volume.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["live-persistence.conf", "live.persist", ".live-persistence.includes"];

    /// <summary>The message for a volume that holds <paramref name="fileName"/>.</summary>
    public static string MigrationMessage(string fileName) =>
        $"This volume has an old configuration file '{fileName}', which is not read: "
        + "copy its entries to persistence.conf, then delete it.";
}
