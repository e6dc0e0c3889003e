using LivePersist.Core.Profiles;

namespace LivePersist.Core.Service;

/// <summary>
/// Who may do what in live-persistd: the caller's role from its uid, and each role's operations
/// (docs/service.md, "Who may do what"). Deny by default: an unknown uid gets <see cref="ServiceRole.None"/>,
/// which may do nothing.
/// </summary>
public sealed class AccessPolicy
{
    private static readonly HashSet<ServiceOperation> s_greeter =
        [ServiceOperation.Status, ServiceOperation.Unlock, ServiceOperation.Upgrade, ServiceOperation.WebSession];

    private static readonly HashSet<ServiceOperation> s_desktopAlways = [ServiceOperation.Status, ServiceOperation.WebSession];

    private readonly uint? _greeterUid;
    private readonly uint _desktopUid;
    private readonly HashSet<ServiceOperation> _desktop;

    /// <summary>A policy for the given users.</summary>
    /// <param name="greeterUid">The welcome screen's uid, or null when the system has none.</param>
    /// <param name="desktopUid">The desktop user's uid.</param>
    /// <param name="desktopOperations">What the desktop user may do besides status and web sessions.</param>
    public AccessPolicy(uint? greeterUid, uint desktopUid, IEnumerable<ServiceOperation> desktopOperations)
    {
        ArgumentNullException.ThrowIfNull(desktopOperations);
        _greeterUid = greeterUid == 0 ? null : greeterUid;
        _desktopUid = desktopUid;
        _desktop = [.. s_desktopAlways, .. desktopOperations];
    }

    /// <summary>The policy a profile describes, with the greeter's uid resolved by the caller.</summary>
    public static AccessPolicy For(Profile profile, uint? greeterUid)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new AccessPolicy(greeterUid, profile.DesktopUser.Uid, profile.Service.DesktopOperations);
    }

    /// <summary>The role of the process running as <paramref name="uid"/>.</summary>
    public ServiceRole RoleOf(uint uid)
    {
        if (uid == 0)
        {
            return ServiceRole.Administrator;
        }

        if (uid == _greeterUid)
        {
            return ServiceRole.Greeter;
        }

        // The desktop user is never root (uid 0 was handled above), and a profile naming the greeter's uid as the
        // desktop user's gives it the greeter's, narrower, rights.
        return uid == _desktopUid ? ServiceRole.Desktop : ServiceRole.None;
    }

    /// <summary>Whether <paramref name="role"/> may run <paramref name="operation"/>.</summary>
    public bool Allows(ServiceRole role, ServiceOperation operation) => role switch
    {
        ServiceRole.Administrator => true,
        ServiceRole.Greeter => s_greeter.Contains(operation),
        ServiceRole.Desktop => _desktop.Contains(operation),
        _ => false,
    };

    /// <summary>The operations <paramref name="role"/> may run, in declaration order.</summary>
    public IReadOnlyList<ServiceOperation> AllowedOperations(ServiceRole role) =>
        ServiceOperations.All.Where(operation => Allows(role, operation)).ToArray();

    /// <summary>
    /// Whether a caller may read or cancel a job: root may, and so may the user who started it (also through a
    /// web session it asked for); nobody without a role may.
    /// </summary>
    public static bool MayFollowJob(ServiceRole role, uint callerUid, uint ownerUid) =>
        role == ServiceRole.Administrator || (role != ServiceRole.None && callerUid == ownerUid);
}
