namespace LivePersist.Core.Service;

/// <summary>The names of <see cref="ServiceOperation"/>s, as profiles, the API and jobs spell them.</summary>
public static class ServiceOperations
{
    private static readonly ServiceOperation[] s_all = Enum.GetValues<ServiceOperation>();

    /// <summary>Every operation, in declaration order.</summary>
    public static IReadOnlyList<ServiceOperation> All => s_all;

    /// <summary>The operation's name: <c>status</c>, <c>change-passphrase</c>, <c>web-session</c>...</summary>
    public static string Name(ServiceOperation operation) => operation switch
    {
        ServiceOperation.Status => "status",
        ServiceOperation.Unlock => "unlock",
        ServiceOperation.Upgrade => "upgrade",
        ServiceOperation.Lock => "lock",
        ServiceOperation.Create => "create",
        ServiceOperation.Delete => "delete",
        ServiceOperation.ChangePassphrase => "change-passphrase",
        ServiceOperation.Repair => "repair",
        ServiceOperation.Backup => "backup",
        ServiceOperation.Features => "features",
        ServiceOperation.DeleteData => "delete-data",
        ServiceOperation.CustomFolders => "custom-folders",
        ServiceOperation.AdditionalSoftware => "additional-software",
        ServiceOperation.Save => "save",
        ServiceOperation.WebSession => "web-session",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>The operation named <paramref name="name"/> (exactly, as <see cref="Name"/> spells it).</summary>
    public static bool TryParse(string? name, out ServiceOperation operation)
    {
        foreach (ServiceOperation candidate in s_all)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                operation = candidate;
                return true;
            }
        }

        operation = default;
        return false;
    }
}
