namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// Turns what apt-get and dpkg printed (standard output and error, <c>LC_ALL=C</c>) into one clear reason
/// for a package that was not installed, and recognises the problems that concern every package
/// (APT busy, dpkg interrupted, disk full).
/// </summary>
public static class AptOutput
{
    private const string UpgradeAdvice = "connect to a network and run 'live-persist additional-software upgrade'";

    /// <summary>Why <paramref name="package"/> was not installed by the run that printed <paramref name="output"/>.</summary>
    public static string Explain(string output, string package, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(output);
        string[] lines = output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();

        if (lines.Any(line => line == $"E: Unable to locate package {package}"))
        {
            return $"APT does not know it: it is in none of the package lists kept on the Persistent Storage (check its name, or {UpgradeAdvice})";
        }

        if (lines.Any(line => line.StartsWith($"E: Package '{package}' has no installation candidate", StringComparison.Ordinal)))
        {
            return "none of its versions can be installed from the package lists kept on the Persistent Storage (it may be only referred to by other packages)";
        }

        if (lines.Any(line => line.StartsWith("E: Packages need to be removed but remove is disabled", StringComparison.Ordinal)))
        {
            return "installing it would remove other packages, which the additional software never does";
        }

        string? dependencyProblem = IndentedAfter(lines, " ", line =>
            line.StartsWith($"dpkg: dependency problems prevent configuration of {package}:", StringComparison.Ordinal));
        if (dependencyProblem is not null)
        {
            return $"it depends on packages that could not be set up ({dependencyProblem})";
        }

        string? dpkgError = DpkgError(lines, package);
        if (dpkgError is not null)
        {
            return $"dpkg could not install it: {dpkgError}";
        }

        string? unmet = IndentedAfter(lines, "; ", line => line == "The following packages have unmet dependencies:");
        if (unmet is not null)
        {
            return $"its dependencies cannot be met ({unmet})";
        }

        string? failedFetch = lines.FirstOrDefault(line => line.StartsWith("E: Failed to fetch ", StringComparison.Ordinal));
        if (failedFetch is not null)
        {
            return $"it could not be downloaded ({failedFetch[3..].Trim()})";
        }

        if (lines.Any(line => line.StartsWith("E: Unable to fetch some archives", StringComparison.Ordinal)))
        {
            return $"its package file, or a dependency's, is not in the cache kept on the Persistent Storage ({UpgradeAdvice})";
        }

        string? otherDpkgError = lines.Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("dpkg: error processing package ", StringComparison.Ordinal));
        if (otherDpkgError is not null)
        {
            string other = otherDpkgError["dpkg: error processing package ".Length..].Split(' ')[0];
            return $"it was not set up because {other} failed ({DpkgError(lines, other.Split(':')[0]) ?? "see the log"})";
        }

        string? error = lines.LastOrDefault(IsMeaningfulError);
        return error is not null ? $"APT failed: {error[3..].Trim()}" : $"APT failed (exit code {exitCode})";
    }

    /// <summary>A problem that concerns every package of the run, or null: then each package has its own reason.</summary>
    public static AptProblem? GlobalProblem(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string[] lines = output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        string? locked = lines.FirstOrDefault(line => line.StartsWith("E: Could not get lock", StringComparison.Ordinal) ||
            line.StartsWith("E: Unable to acquire the dpkg frontend lock", StringComparison.Ordinal) ||
            line.StartsWith("E: Unable to lock directory", StringComparison.Ordinal));
        if (locked is not null)
        {
            return new AptProblem(true, $"another program is installing or updating software ({locked[3..].Trim()}); wait for it to finish and try again");
        }

        if (lines.Any(line => line.StartsWith("E: dpkg was interrupted", StringComparison.Ordinal)))
        {
            return new AptProblem(false, "dpkg was interrupted earlier: run 'dpkg --configure -a' as root, then try again");
        }

        string? full = lines.FirstOrDefault(line => line.Contains("No space left on device", StringComparison.Ordinal));
        if (full is not null)
        {
            return new AptProblem(false, $"there is no space left ({full.Trim()})");
        }

        return null;
    }

    /// <summary>The error lines worth showing (APT's <c>E:</c> lines, without the generic ones).</summary>
    public static IReadOnlyList<string> Errors(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Split('\n').Select(line => line.TrimEnd('\r')).Where(IsMeaningfulError).ToArray();
    }

    /// <summary>The packages dpkg could not set up in the run (<c>dpkg: error processing package NAME</c>), in order.</summary>
    public static IReadOnlyList<string> DpkgFailures(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        const string Prefix = "dpkg: error processing package ";
        return output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(line => line[Prefix.Length..].Split(' ')[0].TrimEnd(':'))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    private static bool IsMeaningfulError(string line) =>
        line.StartsWith("E: ", StringComparison.Ordinal) &&
        !line.StartsWith("E: Sub-process /usr/bin/dpkg returned an error code", StringComparison.Ordinal) &&
        !line.StartsWith("E: Can not write log", StringComparison.Ordinal);

    // "dpkg: error processing package NAME[:ARCH] (--configure):" or "dpkg: error processing archive
    // /…/NAME_VERSION_ARCH.deb (--unpack):", then the reason on the next, indented, line.
    private static string? DpkgError(string[] lines, string package)
    {
        for (int i = 0; i < lines.Length - 1; i++)
        {
            string line = lines[i].Trim();
            bool mine =
                line.StartsWith($"dpkg: error processing package {package} (", StringComparison.Ordinal) ||
                line.StartsWith($"dpkg: error processing package {package}:", StringComparison.Ordinal) ||
                (line.StartsWith("dpkg: error processing archive ", StringComparison.Ordinal) &&
                    line.Contains($"/{package}_", StringComparison.Ordinal));
            if (mine && lines[i + 1].StartsWith(' '))
            {
                return lines[i + 1].Trim();
            }
        }

        return null;
    }

    private static string? IndentedAfter(string[] lines, string separator, Func<string, bool> header)
    {
        int start = Array.FindIndex(lines, line => header(line));
        if (start < 0)
        {
            return null;
        }

        string[] detail = lines.Skip(start + 1)
            .TakeWhile(line => line.StartsWith(' '))
            .Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToArray();
        return detail.Length == 0 ? null : string.Join(separator, detail);
    }
}

/// <summary>A problem that stops a whole APT run.</summary>
/// <param name="IsBusy">Another package manager holds APT's or dpkg's lock.</param>
/// <param name="Message">What happened and what to do (a sentence fragment).</param>
public sealed record AptProblem(bool IsBusy, string Message);
