namespace LivePersist.Core.Service;

/// <summary>Who a caller of live-persistd is, which decides what it may do (docs/service.md, "Who may do what").</summary>
public enum ServiceRole
{
    /// <summary>Anyone else: may do nothing.</summary>
    None,

    /// <summary>root: may do everything.</summary>
    Administrator,

    /// <summary>The welcome screen (the profile's greeter user): status, unlock, upgrade.</summary>
    Greeter,

    /// <summary>The desktop user: status, and the operations the profile lists.</summary>
    Desktop,
}
