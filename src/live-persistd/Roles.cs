using LivePersist.Core.Service;

namespace LivePersist.Daemon;

/// <summary>How the API names roles.</summary>
internal static class Roles
{
    public static string Name(ServiceRole role) => role switch
    {
        ServiceRole.Administrator => "administrator",
        ServiceRole.Greeter => "greeter",
        ServiceRole.Desktop => "desktop",
        _ => "none",
    };
}
