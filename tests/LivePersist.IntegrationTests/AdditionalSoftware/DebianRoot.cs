using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LivePersist.IntegrationTests.Support;

namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>
/// A minimal Debian 12 root made with debootstrap (<c>--variant=minbase bookworm</c>, plus libssl3, which
/// live-persist's NativeAOT build loads for its random numbers), from the Debian mirror this machine's APT uses.
/// Made once and cached between runs under <c>artifacts/test-cache/debian-root/KEY/</c>; KEY is a hash of
/// everything the root is made from (suite, variant, packages, mirror, debootstrap's version, this recipe's
/// version), so a change rebuilds it and older roots are deleted. Tests never write to it: each "boot" is an
/// overlay on it (<see cref="LiveSystem"/>).
/// </summary>
/// <remarks>
/// The cached root has no package lists, no package files and no APT source: the tests give it theirs.
/// Set LIVE_PERSIST_DEBIAN_MIRROR to use another mirror.
/// </remarks>
internal static class DebianRoot
{
    private const string Suite = "bookworm";
    private const string Variant = "minbase";
    private const string Include = "libssl3";

    // Raise when the way the root is made changes (then every cache is rebuilt).
    private const int RecipeVersion = 1;

    private static readonly Lazy<string> s_path = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The cached root (made on first use: about two minutes with a network connection).</summary>
    public static string Path => s_path.Value;

    /// <summary>The cache directory, which holds one root per key.</summary>
    public static string CacheDirectory => Checkout.Combine("artifacts", "test-cache", "debian-root");

    private static string Prepare()
    {
        string mirror = Mirror();
        string debootstrap = Tool.Run("dpkg-query", "--show", "--showformat=${Version}", "debootstrap").Trim();
        string recipe = $"{RecipeVersion} {Suite} {Variant} {Include} {mirror} debootstrap={debootstrap}";
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)))[..16];
        string directory = System.IO.Path.Combine(CacheDirectory, $"{Suite}-{Variant}-{key}");
        string root = System.IO.Path.Combine(directory, "root");
        string complete = System.IO.Path.Combine(directory, "complete");
        if (File.Exists(complete))
        {
            return root;
        }

        Directory.CreateDirectory(CacheDirectory);
        foreach (string stale in Directory.EnumerateDirectories(CacheDirectory).Where(other => other != directory))
        {
            Tool.TryRun("rm", null, "-rf", "--one-file-system", stale);
        }

        Tool.TryRun("rm", null, "-rf", "--one-file-system", directory);
        Directory.CreateDirectory(directory);
        (int exitCode, _, string errors) = Tool.TryRun(
            "debootstrap", null, $"--variant={Variant}", $"--include={Include}", Suite, root, mirror);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"debootstrap {Suite} from {mirror} failed ({exitCode}): {errors.Trim()}. The additional software tests need it once " +
                "(network access to the mirror); the root is then cached in " + directory);
        }

        // What the live system's APT starts with in the tests: nothing of the mirror.
        Tool.Run("chroot", root, "apt-get", "clean");
        foreach (string list in Directory.EnumerateFiles(System.IO.Path.Combine(root, "var/lib/apt/lists")))
        {
            if (!System.IO.Path.GetFileName(list).Equals("lock", StringComparison.Ordinal))
            {
                File.Delete(list);
            }
        }

        File.WriteAllText(System.IO.Path.Combine(root, "etc/apt/sources.list"), string.Empty);
        File.WriteAllText(complete, recipe + "\n");
        return root;
    }

    // The first "deb" source of the host for the suite (one-line or deb822 format).
    private static string Mirror()
    {
        string? given = Environment.GetEnvironmentVariable("LIVE_PERSIST_DEBIAN_MIRROR");
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }

        List<string> files = ["/etc/apt/sources.list"];
        if (Directory.Exists("/etc/apt/sources.list.d"))
        {
            files.AddRange(Directory.EnumerateFiles("/etc/apt/sources.list.d").Order(StringComparer.Ordinal));
        }

        foreach (string file in files.Where(File.Exists))
        {
            string text = File.ReadAllText(file);
            Match oneLine = Regex.Match(text, $@"^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+{Suite}\s", RegexOptions.Multiline);
            if (oneLine.Success)
            {
                return oneLine.Groups[1].Value;
            }

            foreach (string stanza in Regex.Split(text, @"\n\s*\n"))
            {
                Match types = Regex.Match(stanza, @"^Types:.*\bdeb\b", RegexOptions.Multiline);
                Match uris = Regex.Match(stanza, @"^URIs:\s*(\S+)", RegexOptions.Multiline);
                Match suites = Regex.Match(stanza, $@"^Suites:.*(?<![\w-]){Suite}(?![\w-])", RegexOptions.Multiline);
                if (types.Success && uris.Success && suites.Success)
                {
                    return uris.Groups[1].Value;
                }
            }
        }

        throw new InvalidOperationException(
            $"No APT source of this machine is for Debian {Suite}: set LIVE_PERSIST_DEBIAN_MIRROR to a Debian mirror for debootstrap.");
    }
}
