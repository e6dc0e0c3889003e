namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>Paths of the source checkout the tests run from.</summary>
internal static class Checkout
{
    /// <summary>The directory that holds LivePersist.slnx.</summary>
    public static string Root { get; } = Find();

    /// <summary>A path below the checkout.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LivePersist.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No LivePersist.slnx above {AppContext.BaseDirectory}: run the tests from a checkout.");
    }
}
