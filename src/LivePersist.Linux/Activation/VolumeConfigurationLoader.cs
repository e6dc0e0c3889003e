using LivePersist.Core;
using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Logging;
using LivePersist.Core.Policy;
using LivePersist.Core.Profiles;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.Activation;

/// <summary>
/// Decides whether a volume can be trusted and reads its configuration: Tails' permission policy on
/// the root and on the configuration files, the legacy layouts of the original design, and the
/// profile's destination rules. Nothing of an untrusted volume is used.
/// </summary>
public static class VolumeConfigurationLoader
{
    private const UnixFileMode GroupAndOther = (UnixFileMode)0b000_111_111;

    /// <summary>
    /// Checks the volume root. A root others could write to, or without the profile's owner, mode and
    /// ACL, disables everything on the volume.
    /// </summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.InsecureVolume"/> when the root cannot be trusted.</exception>
    public static void CheckRoot(OpenedVolume volume, Profile profile)
    {
        FileStatus root = volume.Root.Stat(".");
        string acl = Acl.GetAccessAclText(volume.Root, ".");
        PolicyVerdict verdict = Acl.HasDefaultAcl(volume.Root, ".")
            ? PolicyVerdict.Untrusted("the volume root has a default ACL, which every new file on it would inherit")
            : PermissionPolicy.CheckVolumeRoot(root.ToNodeFacts(), acl, profile);
        if (!verdict.IsTrusted)
        {
            throw new PersistenceException(ErrorKind.InsecureVolume,
                $"The volume {volume.Name} cannot be trusted: {verdict.Problem}. No feature was activated.");
        }
    }

    /// <summary>
    /// Makes the volume as the policy wants it before use, as Tails does at every activation: top-level
    /// directories of the desktop user lose their group and other permissions, a historical mode of the
    /// additional software list is fixed (an untrusted one is set aside), and staging leftovers of a
    /// crash are removed. Nothing is done on a read-only volume.
    /// </summary>
    public static void Tidy(OpenedVolume volume, Profile profile, ILog log)
    {
        foreach (DirectoryEntry entry in volume.Root.Enumerate("."))
        {
            if (entry.Name.StartsWith(PlanExecutor.StagingPrefix, StringComparison.Ordinal) ||
                (entry.Name.StartsWith(".live-persist-", StringComparison.Ordinal) && entry.Name.EndsWith(".tmp", StringComparison.Ordinal)))
            {
                volume.Root.RemoveTree(entry.Name);
                log.Info($"removed {entry.Name}, left on the volume by an interrupted operation");
            }
            else if (PermissionPolicy.MustRestrictTopLevelDirectory(entry.Status.ToNodeFacts(), profile))
            {
                volume.Root.SetMode(entry.Name, entry.Status.Mode & ~GroupAndOther);
                log.Info($"removed the group and other permissions of {entry.Name} on the volume");
            }
        }

        string name = Profile.AdditionalSoftwareFileName;
        (ConfigFileAction action, string? problem) = PermissionPolicy.CheckAdditionalSoftwareFile(StatFile(volume, name), profile);
        switch (action)
        {
            case ConfigFileAction.FixMode:
                volume.Root.SetMode(name, profile.AdditionalSoftwareFile.Mode ?? (UnixFileMode)0b110_100_100);
                log.Info($"gave {name} its current mode");
                break;
            case ConfigFileAction.Disable:
                SetAside(volume, name, profile.AdditionalSoftwareFile, problem);
                log.Warning($"{name} {problem}: it was renamed {name}{PermissionPolicy.DisabledSuffix} and replaced by an empty list");
                break;
        }
    }

    /// <summary>
    /// Reads the bindings of a trusted volume. A configuration file that breaks its rule is set aside
    /// (<c>persistence.conf.invalid</c>) and replaced by an empty one unless <paramref name="readOnly"/>,
    /// and the volume is refused. Refused lines are reported as warnings; the others work.
    /// </summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.InsecureVolume"/> when the configuration cannot be trusted.</exception>
    public static PersistenceConfiguration Load(OpenedVolume volume, Profile profile, bool readOnly, ILog log)
    {
        string name = Profile.ConfigFileName;
        (ConfigFileAction action, string? problem) = PermissionPolicy.CheckConfigFile(StatFile(volume, name), profile);
        switch (action)
        {
            case ConfigFileAction.Disable when readOnly:
                throw new PersistenceException(ErrorKind.InsecureVolume,
                    $"{name} on {volume.Name} cannot be trusted: {problem}. No feature was activated, and nothing was changed on the volume (read-only).");
            case ConfigFileAction.Disable:
                SetAside(volume, name, profile.ConfigFile, problem);
                throw new PersistenceException(ErrorKind.InsecureVolume,
                    $"{name} on {volume.Name} cannot be trusted: {problem}. It was renamed {name}{PermissionPolicy.DisabledSuffix} " +
                    "and replaced by an empty one, and no feature was activated. Check that file, then turn your features on again.");
            case ConfigFileAction.CreateEmpty:
                return LegacyConfiguration(volume, log);
        }

        byte[] content;
        try
        {
            content = volume.Root.ReadAllBytes(name, PersistenceConfParser.MaxFileBytes);
        }
        catch (Exception exception) when (exception is IOException or PersistenceException)
        {
            throw new PersistenceException(ErrorKind.InsecureVolume,
                $"{name} on {volume.Name} cannot be read ({exception.Message}); it must be a text file of at most 1 MiB. No feature was activated.");
        }

        ConfigParseResult result = PersistenceConfParser.Parse(content, RulesFor(profile));
        foreach (ConfigDiagnostic diagnostic in result.Diagnostics)
        {
            log.Warning($"{name} line {diagnostic.LineNumber} is ignored: {diagnostic.Reason}");
        }

        return result.Configuration;
    }

    /// <summary>The destination rules of a profile: the built-in ones, plus the profile's own.</summary>
    public static DestinationRules RulesFor(Profile profile) =>
        profile.ForbiddenDestinations.Aggregate(DestinationRules.Default, (rules, path) => rules.WithForbiddenTree(path));

    /// <summary>Writes a configuration atomically with the owner and mode its rule requires.</summary>
    public static void Save(OpenedVolume volume, Profile profile, PersistenceConfiguration configuration)
    {
        FileRule rule = profile.ConfigFile;
        AtomicFile.Write(volume.Root, Profile.ConfigFileName, PersistenceConfWriter.Write(configuration),
            rule.Uid, rule.Gid ?? 0, rule.Mode ?? (UnixFileMode)0b110_000_000);
    }

    // The original design's volumes: a 'home-rw' volume without a configuration is /home itself, a
    // 'live-rw' one is the whole root; older configuration file names are reported, never used.
    private static PersistenceConfiguration LegacyConfiguration(OpenedVolume volume, ILog log)
    {
        foreach (string legacy in LegacyConfigFiles.FileNames)
        {
            if (volume.Root.Stat(legacy).Exists)
            {
                log.Warning(LegacyConfigFiles.MigrationMessage(legacy));
            }
        }

        Binding? seed = volume.Label switch
        {
            "home-rw" => new Binding("/home", "."),
            "live-rw" => new Binding("/", ".", BindingKind.Union),
            _ => null,
        };
        if (seed is null || !PersistenceConfiguration.Empty.TryAdd(seed, out PersistenceConfiguration? configuration, out _))
        {
            return PersistenceConfiguration.Empty;
        }

        log.Info($"{volume.Name} is labelled {volume.Label} and has no {Profile.ConfigFileName}: using '{PersistenceConfWriter.FormatLine(seed).Trim()}'");
        return configuration;
    }

    private static void SetAside(OpenedVolume volume, string name, FileRule rule, string? problem)
    {
        string disabled = name + PermissionPolicy.DisabledSuffix;
        try
        {
            volume.Root.Rename(name, disabled, noReplace: false);
        }
        catch (IOException exception)
        {
            // Something in the way of the rename (a directory, say) must not turn a refusal into a plain failure.
            throw new PersistenceException(ErrorKind.InsecureVolume,
                $"{name} on {volume.Name} cannot be trusted: {problem}, and it could not be renamed {disabled} ({exception.Message}). " +
                $"No feature was activated. Move {name} and {disabled} away, then turn your features on again.",
                exception);
        }

        AtomicFile.Write(volume.Root, name, [], rule.Uid, rule.Gid ?? 0, rule.Mode ?? (UnixFileMode)0b110_000_000);
    }

    private static NodeFacts StatFile(OpenedVolume volume, string name)
    {
        FileStatus status = volume.Root.Stat(name);
        bool extended = status.Kind == FileKind.RegularFile && Acl.HasExtendedAcl(volume.Root, name);
        return status.ToNodeFacts(extended);
    }
}
