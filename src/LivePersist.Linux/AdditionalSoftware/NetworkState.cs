using LivePersist.Core.AdditionalSoftware;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>Whether this system looks online: a default route in the kernel's tables (no network tool needed).</summary>
public static class NetworkState
{
    /// <summary>Whether there is a usable default route (IPv4 or IPv6).</summary>
    public static bool HasDefaultRoute() =>
        NetworkRoutes.HasDefaultRoute(ReadIfPresent("/proc/net/route"), ReadIfPresent("/proc/net/ipv6_route"));

    /// <summary>Waits until <see cref="HasDefaultRoute"/>, checking every <paramref name="interval"/>; false when <paramref name="timeout"/> passed first (null: no limit).</summary>
    public static bool WaitForDefaultRoute(TimeSpan? timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        DateTime? deadline = timeout is TimeSpan limit ? DateTime.UtcNow + limit : null;
        while (!HasDefaultRoute())
        {
            if (deadline is DateTime end && DateTime.UtcNow >= end)
            {
                return false;
            }

            cancellationToken.WaitHandle.WaitOne(interval);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return true;
    }

    private static string ReadIfPresent(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;
}
