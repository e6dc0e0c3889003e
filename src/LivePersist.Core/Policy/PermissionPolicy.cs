using LivePersist.Core.FileSystem;
using LivePersist.Core.Profiles;

namespace LivePersist.Core.Policy;

/// <summary>
/// Tails' permission policy, parameterised by the profile: which objects on a volume can be trusted.
/// A configuration file that could have been written by anyone but the tool can turn any directory of
/// the system into a mount point, so it is refused; a volume root others can write to is refused whole.
/// </summary>
public static class PermissionPolicy
{
    /// <summary>Suffix of a configuration file set aside because it broke its rule (tps's choice).</summary>
    public const string DisabledSuffix = ".invalid";

    /// <summary>Checks the volume root against the profile's rule, including its extended ACL.</summary>
    /// <param name="root">The root directory as observed.</param>
    /// <param name="extendedAclText">Its access ACL in text form (full, or only the extended entries; empty when none).</param>
    /// <param name="profile">The profile whose rule applies.</param>
    public static PolicyVerdict CheckVolumeRoot(NodeFacts root, string extendedAclText, Profile profile)
    {
        if (root.Kind != NodeKind.Directory)
        {
            return PolicyVerdict.Untrusted("the volume root is not a directory");
        }

        return CheckRule(root, extendedAclText, profile.VolumeRoot, "the volume root");
    }

    /// <summary>
    /// Decides what to do with <c>persistence.conf</c>: use it, create it, or disable it because it is
    /// not a regular file, not owned by the configuration owner, has another mode, or has an extended ACL.
    /// </summary>
    public static (ConfigFileAction Action, string? Problem) CheckConfigFile(NodeFacts file, Profile profile) =>
        CheckFile(file, profile.ConfigFile, Profile.ConfigFileName, allowModeFix: false);

    /// <summary>
    /// Decides what to do with <c>live-additional-software.conf</c>. A file with the right owner and
    /// mode 0600 is the older Tails layout and only needs its mode fixed.
    /// </summary>
    public static (ConfigFileAction Action, string? Problem) CheckAdditionalSoftwareFile(NodeFacts file, Profile profile) =>
        CheckFile(file, profile.AdditionalSoftwareFile, Profile.AdditionalSoftwareFileName, allowModeFix: true);

    /// <summary>
    /// Whether a top-level directory of the volume must lose its group and other permission bits: it
    /// belongs to the desktop user and group, and grants them (Tails #7458).
    /// </summary>
    public static bool MustRestrictTopLevelDirectory(NodeFacts directory, Profile profile)
    {
        const UnixFileMode GroupAndOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return directory.Kind == NodeKind.Directory &&
            directory.Uid == profile.DesktopUser.Uid &&
            directory.Gid == profile.DesktopUser.Gid &&
            (directory.Mode & GroupAndOther) != 0;
    }

    private static (ConfigFileAction Action, string? Problem) CheckFile(NodeFacts file, FileRule rule, string name, bool allowModeFix)
    {
        switch (file.Kind)
        {
            case NodeKind.Missing:
                return (ConfigFileAction.CreateEmpty, null);
            case NodeKind.Symlink:
                return (ConfigFileAction.Disable, $"{name} is a symbolic link");
            case NodeKind.SymlinkInPath or NodeKind.NotDirectoryInPath:
                return (ConfigFileAction.Disable, $"the path of {name} is not a plain directory");
            case not NodeKind.RegularFile:
                return (ConfigFileAction.Disable, $"{name} is not a regular file");
        }

        PolicyVerdict verdict = CheckRule(file, file.HasExtendedAcl ? "extended entries" : string.Empty, rule, name);
        if (verdict.IsTrusted)
        {
            return (ConfigFileAction.Use, null);
        }

        bool onlyHistoricalMode = allowModeFix &&
            file.Uid == rule.Uid && (rule.Gid is null || file.Gid == rule.Gid) && !file.HasExtendedAcl &&
            file.Mode == (UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return onlyHistoricalMode ? (ConfigFileAction.FixMode, null) : (ConfigFileAction.Disable, verdict.Problem);
    }

    private static PolicyVerdict CheckRule(NodeFacts node, string extendedAclText, FileRule rule, string name)
    {
        if (node.Uid != rule.Uid || (rule.Gid is uint gid && node.Gid != gid))
        {
            string expected = rule.Gid is uint g ? $"{rule.Uid}:{g}" : $"user {rule.Uid}";
            return PolicyVerdict.Untrusted($"{name} is owned by {node.Uid}:{node.Gid}, not {expected}");
        }

        if (rule.Mode is UnixFileMode mode && node.Mode != mode)
        {
            return PolicyVerdict.Untrusted($"{name} has mode {Octal(node.Mode)}, not {Octal(mode)}");
        }

        if ((node.Mode & rule.ForbiddenModeBits) != 0)
        {
            return PolicyVerdict.Untrusted($"{name} has mode {Octal(node.Mode)}, which lets others change it");
        }

        string expectedAcl = Canonical(rule.ExtendedAcl ?? string.Empty);
        string actualAcl = Canonical(extendedAclText);
        if (!string.Equals(actualAcl, expectedAcl, StringComparison.Ordinal))
        {
            return expectedAcl.Length == 0 ? PolicyVerdict.Untrusted($"{name} has an extended ACL ({actualAcl})")
                : actualAcl.Length == 0 ? PolicyVerdict.Untrusted($"{name} has no extended ACL, not '{expectedAcl}'")
                : PolicyVerdict.Untrusted($"{name} has the ACL '{actualAcl}', not '{expectedAcl}'");
        }

        return PolicyVerdict.Trusted;
    }

    // ACL entries compare as a set of "tag:qualifier:perms" in long form, ignoring order, the base
    // entries (user::, group::, other::, which the mode already covers) and the mask (which mirrors
    // the group bits): so both the full text and the extended entries alone can be given.
    private static string Canonical(string aclText) => string.Join(',', aclText
        .Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(LongForm)
        .Where(entry => !entry.StartsWith("mask:", StringComparison.Ordinal) && !IsBaseEntry(entry))
        .Order(StringComparer.Ordinal));

    private static bool IsBaseEntry(string entry)
    {
        string[] parts = entry.Split(':');
        return parts.Length == 3 && parts[1].Length == 0;
    }

    private static string LongForm(string entry)
    {
        int colon = entry.IndexOf(':');
        string tag = colon < 0 ? entry : entry[..colon];
        string longTag = tag switch { "u" => "user", "g" => "group", "m" => "mask", "o" => "other", _ => tag };
        return colon < 0 ? longTag : longTag + entry[colon..];
    }

    private static string Octal(UnixFileMode mode) => System.Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
