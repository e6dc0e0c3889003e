namespace LivePersist.Core.Service;

/// <summary>The page a web UI link opens.</summary>
public enum WebScreen
{
    /// <summary><c>/unlock</c>: the welcome screen's unlock page.</summary>
    Unlock,

    /// <summary><c>/settings</c>: the Persistent Storage settings.</summary>
    Settings,
}
