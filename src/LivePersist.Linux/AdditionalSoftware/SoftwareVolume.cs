using LivePersist.Core;
using LivePersist.Core.AdditionalSoftware;
using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Logging;
using LivePersist.Core.Planning;
using LivePersist.Core.Policy;
using LivePersist.Core.Profiles;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// The unlocked Persistent Storage as the additional software sees it: its list
/// (<c>live-additional-software.conf</c>, under the profile's rule: Tails 115:122 0644), and whether
/// APT's cache and lists are bound from it. Opened under the same checks as features are (trusted
/// root, trusted configuration).
/// </summary>
public sealed class SoftwareVolume : IDisposable
{
    private readonly Profile _profile;
    private readonly ILog _log;
    private readonly DirectoryHandle _root;

    private SoftwareVolume(Profile profile, ILog log, DirectoryHandle root, OpenedVolume volume, PersistenceConfiguration configuration, bool readOnly)
    {
        _profile = profile;
        _log = log;
        _root = root;
        Volume = volume;
        Configuration = configuration;
        IsReadOnlySession = readOnly;
    }

    /// <summary>The volume.</summary>
    public OpenedVolume Volume { get; }

    /// <summary>Its configuration (<c>persistence.conf</c>).</summary>
    public PersistenceConfiguration Configuration { get; }

    /// <summary>Whether it is unlocked read-only in this session (nothing may be written to it).</summary>
    public bool IsReadOnlySession { get; }

    /// <summary>Opens the unlocked volume: <paramref name="volumePath"/>, or the one mounted at the profile's mount point under the root.</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.WrongState"/> when it is not unlocked, or read-only and <paramref name="forWriting"/>; <see cref="ErrorKind.InsecureVolume"/> when it cannot be trusted.</exception>
    public static SoftwareVolume Open(Profile profile, string rootPath, string? volumePath, ILog log, bool forWriting)
    {
        DirectoryHandle root = DirectoryHandle.Open(rootPath);
        try
        {
            string volume = volumePath ?? UnixPath.JoinAbsolute(root.Path, profile.MountPoint.TrimStart('/'));
            if (!Directory.Exists(volume) || (volumePath is null && !root.Stat(profile.MountPoint.TrimStart('/')).IsMountRoot))
            {
                throw new PersistenceException(ErrorKind.WrongState,
                    $"The Persistent Storage is not unlocked: nothing is mounted on {volume}. Unlock it first.");
            }

            OpenedVolume opened = OpenedVolume.Open(volume, profile, root, readOnly: true, mount: false, log);
            try
            {
                bool readOnly = opened.IsInReadOnlySession(root.Path, MountTable.Read());
                if (forWriting && readOnly)
                {
                    throw new PersistenceException(ErrorKind.WrongState,
                        "The Persistent Storage is unlocked read-only in this session: the additional software cannot be changed until it is unlocked read-write.");
                }

                VolumeConfigurationLoader.CheckRoot(opened, profile);
                PersistenceConfiguration configuration = VolumeConfigurationLoader.Load(opened, profile, readOnly, log);
                return new SoftwareVolume(profile, log, root, opened, configuration, readOnly);
            }
            catch
            {
                opened.Dispose();
                throw;
            }
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>Like <see cref="Open"/>, but null instead of an exception: for the APT hooks, which must stay silent when the storage is locked.</summary>
    public static SoftwareVolume? TryOpen(Profile profile, string rootPath, ILog log, bool forWriting)
    {
        try
        {
            return Open(profile, rootPath, null, log, forWriting);
        }
        catch (Exception exception) when (exception is PersistenceException or IOException or UnauthorizedAccessException)
        {
            log.Info($"the Persistent Storage cannot be used for additional software: {exception.Message}");
            return null;
        }
    }

    /// <summary>
    /// Reads the list. A missing file is an empty list; a file that breaks its rule (owner, mode, ACL) is
    /// not used (activation sets it aside); lines that are not package names are reported and left out.
    /// </summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.InsecureVolume"/> when the file cannot be trusted or read.</exception>
    public PackageList ReadList()
    {
        string name = Profile.AdditionalSoftwareFileName;
        FileStatus status = Volume.Root.Stat(name);
        bool extended = status.Kind == FileKind.RegularFile && Acl.HasExtendedAcl(Volume.Root, name);
        (ConfigFileAction action, string? problem) = PermissionPolicy.CheckAdditionalSoftwareFile(status.ToNodeFacts(extended), _profile);
        switch (action)
        {
            case ConfigFileAction.CreateEmpty:
                return PackageList.Empty;
            case ConfigFileAction.Disable:
                throw new PersistenceException(ErrorKind.InsecureVolume,
                    $"{name} on {Volume.Name} cannot be trusted: {problem}. It is not used; it will be set aside ({name}{PermissionPolicy.DisabledSuffix}) at the next activation.");
        }

        byte[] content;
        try
        {
            content = Volume.Root.ReadAllBytes(name, PackageList.MaxFileBytes);
        }
        catch (Exception exception) when (exception is IOException or PersistenceException)
        {
            throw new PersistenceException(ErrorKind.InsecureVolume,
                $"{name} on {Volume.Name} cannot be read ({exception.Message}); it must be a text file of at most 1 MiB.");
        }

        PackageListParseResult result = PackageList.Parse(content);
        foreach (PackageListDiagnostic diagnostic in result.Diagnostics)
        {
            _log.Warning($"{name} line {diagnostic.LineNumber} is ignored: '{diagnostic.Text}' is not a package name ({diagnostic.Reason}).");
        }

        return result.List;
    }

    /// <summary>Replaces the list atomically, with the owner and mode of the profile's rule.</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.WrongState"/> in a read-only session.</exception>
    public void WriteList(PackageList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (IsReadOnlySession)
        {
            throw new PersistenceException(ErrorKind.WrongState,
                "The Persistent Storage is unlocked read-only in this session: the additional software list cannot be changed.");
        }

        FileRule rule = _profile.AdditionalSoftwareFile;
        AtomicFile.Write(Volume.Root, Profile.AdditionalSoftwareFileName, list.Format(), rule.Uid, rule.Gid ?? 0, rule.Mode ?? (UnixFileMode)0b110_100_100);
    }

    /// <summary>
    /// Whether APT's cache and lists are bound from this volume now (the Additional Software feature, or
    /// custom lines with the same destinations), and where their sources are.
    /// </summary>
    public AptPersistence Apt()
    {
        Binding? archives = Configuration.Bindings.FirstOrDefault(binding => binding.Destination == AptPaths.Archives && binding.Kind == BindingKind.Bind);
        Binding? lists = Configuration.Bindings.FirstOrDefault(binding => binding.Destination == AptPaths.Lists && binding.Kind == BindingKind.Bind);
        if (archives is null || lists is null)
        {
            return new AptPersistence(false, archives, lists,
                "Additional Software is turned off: APT's cache and package lists are not kept on the Persistent Storage. " +
                "Turn it on with 'live-persist features enable AdditionalSoftware'.");
        }

        SystemActivationFacts facts = new(new ActivationTarget(Volume.Root, Volume.Device, _root, _profile.DesktopUser), MountTable.Read(), Configuration.Bindings);
        string[] inactive = new[] { archives, lists }
            .Where(binding => facts.Activity(binding) != BindingActivity.Active)
            .Select(binding => binding.Destination)
            .ToArray();
        return inactive.Length == 0
            ? new AptPersistence(true, archives, lists, null)
            : new AptPersistence(false, archives, lists,
                $"Additional Software is turned on but not active: {string.Join(" and ", inactive)} {(inactive.Length == 1 ? "is" : "are")} not bound from the Persistent Storage. " +
                "Activate it with 'live-persist features activate AdditionalSoftware'.");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Volume.Dispose();
        _root.Dispose();
    }
}

/// <summary>Whether APT's cache and lists are on the Persistent Storage.</summary>
/// <param name="IsActive">Both are bound from the volume now.</param>
/// <param name="Archives">The configuration line for the cache, if any.</param>
/// <param name="Lists">The configuration line for the lists, if any.</param>
/// <param name="Problem">When not active, why and what to do.</param>
public sealed record AptPersistence(bool IsActive, Binding? Archives, Binding? Lists, string? Problem);
