namespace LivePersist.Core.Tests.AdditionalSoftware;

/// <summary>
/// Real texts, recorded in a Debian 12 root (apt 2.6.1, dpkg 1.21) with the small packages the
/// integration tests build: the standard input of a <c>DPkg::Pre-Install-Pkgs</c> hook with
/// <c>Version "3"</c> (<c>hook-*.txt</c>), dpkg's status and APT's extended_states, and what apt-get
/// printed when it failed (<c>apt-*.txt</c>).
/// </summary>
internal static class Samples
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AdditionalSoftware", "Samples", name));
}
