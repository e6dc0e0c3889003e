namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// What APT tells a <c>DPkg::Pre-Install-Pkgs</c> hook on its standard input before it runs dpkg
/// (protocol version 2 or 3, <c>DPkg::Tools::Options::HOOK::Version</c>): its configuration, then one
/// line for each package action, in the order dpkg will do them.
/// </summary>
/// <param name="Version">The protocol version (2 or 3).</param>
/// <param name="Configuration">Every configuration item, in order, with the key and value decoded (list items repeat the key, which ends with <c>::</c>).</param>
/// <param name="Actions">The package actions.</param>
public sealed record AptHookMessage(int Version, IReadOnlyList<KeyValuePair<string, string>> Configuration, IReadOnlyList<AptPackageAction> Actions)
{
    /// <summary>The last value of a configuration item, or null when it is not set (keys compare as APT does, ignoring case).</summary>
    public string? ConfigurationValue(string key) =>
        Configuration.LastOrDefault(item => string.Equals(item.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>What dpkg is about to do with a package.</summary>
public enum AptActionKind
{
    /// <summary>Unpack (install, upgrade, downgrade or reinstall) the archive in <see cref="AptPackageAction.File"/>.</summary>
    Unpack,

    /// <summary>Configure an unpacked package (<c>**CONFIGURE**</c>).</summary>
    Configure,

    /// <summary>Remove or purge the package (<c>**REMOVE**</c>).</summary>
    Remove,
}

/// <summary>One package line of the hook protocol.</summary>
/// <param name="Package">The package name (without architecture: version 3 gives it apart).</param>
/// <param name="OldVersion">The installed version, or null when it is not installed.</param>
/// <param name="OldArchitecture">The installed architecture (version 3), or null.</param>
/// <param name="Comparison">How the new version compares with the old: <c>&lt;</c> (newer or new install), <c>=</c>, <c>&gt;</c> (older, or removal).</param>
/// <param name="NewVersion">The version after the action, or null for a removal.</param>
/// <param name="NewArchitecture">The architecture after the action (version 3), or null.</param>
/// <param name="Kind">What dpkg does.</param>
/// <param name="File">The archive to unpack (<see cref="AptActionKind.Unpack"/> only).</param>
public sealed record AptPackageAction(
    string Package,
    string? OldVersion,
    string? OldArchitecture,
    string Comparison,
    string? NewVersion,
    string? NewArchitecture,
    AptActionKind Kind,
    string? File)
{
    /// <summary>Whether the package was not installed before this action.</summary>
    public bool IsNewInstall => OldVersion is null && Kind != AptActionKind.Remove;
}
