using System.Collections.Immutable;

namespace LivePersist.Core.Config;

/// <summary>
/// The destinations that no entry of <c>persistence.conf</c> may use. Immutable; a profile starts from
/// <see cref="Default"/> and adds its own, e.g. the directory its volumes are mounted on.
/// </summary>
public sealed class DestinationRules
{
    private const string LiveSystem = "the live system's own files cannot be made persistent";
    private const string KernelFileSystem = "kernel file systems cannot be made persistent";

    private readonly ImmutableArray<ForbiddenDestination> _forbidden;

    private DestinationRules(ImmutableArray<ForbiddenDestination> forbidden)
    {
        _forbidden = forbidden;
    }

    /// <summary>
    /// live-boot's rules and a few more: every path starting with <c>/lib</c> (so <c>/lib64</c> and
    /// <c>/library</c> too, as live-boot does); <c>/live</c>, <c>/run/live</c>, <c>/proc</c>,
    /// <c>/sys</c> and <c>/dev</c> and everything below them. <c>/</c> itself is accepted only with
    /// the <c>union</c> option, whatever the rules.
    /// </summary>
    public static DestinationRules Default { get; } = new(
    [
        new ForbiddenDestination("/lib", IsPrefix: true, LiveSystem),
        new ForbiddenDestination("/live", IsPrefix: false, LiveSystem),
        new ForbiddenDestination("/run/live", IsPrefix: false, LiveSystem),
        new ForbiddenDestination("/proc", IsPrefix: false, KernelFileSystem),
        new ForbiddenDestination("/sys", IsPrefix: false, KernelFileSystem),
        new ForbiddenDestination("/dev", IsPrefix: false, KernelFileSystem),
    ]);

    /// <summary>Paths that forbid every destination whose text starts with them (<c>/lib</c>).</summary>
    public IReadOnlyList<string> ForbiddenPrefixes => [.. _forbidden.Where(f => f.IsPrefix).Select(f => f.Path)];

    /// <summary>Paths that are forbidden together with everything below them.</summary>
    public IReadOnlyList<string> ForbiddenTrees => [.. _forbidden.Where(f => !f.IsPrefix).Select(f => f.Path)];

    /// <summary>Returns rules that also forbid <paramref name="path"/> and everything below it.</summary>
    /// <param name="path">A normalised absolute path, e.g. <c>/media/persistent</c>.</param>
    /// <param name="why">Why, shown to the user as the end of "destination '…' is forbidden: …".</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not a normalised absolute path.</exception>
    public DestinationRules WithForbiddenTree(string path, string why = "the system profile reserves it")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        if (BindingValidation.CheckDestinationSyntax(path, out string normalized) is not null || normalized != path)
        {
            throw new ArgumentException($"'{path}' is not a normalised absolute path.", nameof(path));
        }

        return new DestinationRules(_forbidden.Add(new ForbiddenDestination(path, IsPrefix: false, why)));
    }

    /// <summary>Why <paramref name="destination"/> (normalised) may not be used with <paramref name="kind"/>, or null.</summary>
    internal string? Check(string destination, BindingKind kind)
    {
        foreach (ForbiddenDestination forbidden in _forbidden)
        {
            if (forbidden.Matches(destination))
            {
                return $"destination '{DisplayText.Escape(destination)}' is forbidden: {forbidden.Why}";
            }
        }

        if (destination == "/" && kind != BindingKind.Union)
        {
            return "destination '/' can only be made persistent with the 'union' option";
        }

        return null;
    }
}
