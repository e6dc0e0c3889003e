using System.Text;

namespace LivePersist.Core.Config;

/// <summary>
/// The rules one entry must follow on its own (the parser and <see cref="PersistenceConfiguration.TryAdd"/>
/// share them): paths, forbidden destinations, option combinations. Conflicts between entries are
/// <see cref="ConflictIndex"/>'s job.
/// </summary>
internal static class BindingValidation
{
    /// <summary>PATH_MAX less the terminating NUL: mount(2) refuses longer paths anyway.</summary>
    internal const int MaxPathBytes = 4095;

    /// <summary>Validates and normalises one entry.</summary>
    /// <param name="destination">The destination as written.</param>
    /// <param name="source">The source as written, or null for the default (the destination on the volume).</param>
    /// <param name="kind">The kind of binding.</param>
    /// <param name="readOnly">Whether <c>ro</c> was given.</param>
    /// <param name="snapshotInterval">The minutes of <c>snapshot-interval=</c>, or null when it was not given.</param>
    /// <param name="rules">The forbidden destinations.</param>
    /// <param name="binding">The normalised binding when the entry is valid.</param>
    /// <returns>Null when the entry is valid, otherwise why it is refused.</returns>
    internal static string? Validate(
        string destination, string? source, BindingKind kind, bool readOnly, int? snapshotInterval, DestinationRules rules, out Binding? binding)
    {
        binding = null;
        if (readOnly && kind == BindingKind.Link)
        {
            return "option 'ro' cannot be combined with 'link'";
        }

        if (readOnly && kind == BindingKind.Snapshot)
        {
            // A snapshot's point is to save the session's changes; a read-only one could never save.
            return "option 'ro' cannot be combined with 'snapshot'";
        }

        if (snapshotInterval is not null && kind != BindingKind.Snapshot)
        {
            // Only a snapshot has unsaved changes to save on a schedule; elsewhere the option would be silently useless.
            return "option 'snapshot-interval' needs the option 'snapshot' on the same line";
        }

        if (snapshotInterval is < 1 or > Binding.MaxSnapshotIntervalMinutes)
        {
            return $"option 'snapshot-interval' must be a number of minutes from 1 to {Binding.MaxSnapshotIntervalMinutes}, not {snapshotInterval}";
        }

        string? problem = CheckDestinationSyntax(destination, out string normalizedDestination)
            ?? rules.Check(normalizedDestination, kind);
        if (problem is not null)
        {
            return problem;
        }

        string normalizedSource;
        if (source is null)
        {
            normalizedSource = Binding.DefaultSourceFor(normalizedDestination);
            if (normalizedSource.Contains(','))
            {
                return $"the default source '{DisplayText.Escape(normalizedSource)}' contains a comma, "
                    + "which persistence.conf cannot hold: give a source= option";
            }
        }
        else if (CheckSource(source, out normalizedSource) is string sourceProblem)
        {
            return sourceProblem;
        }

        if (kind == BindingKind.File && normalizedSource == ".")
        {
            return "a 'file' entry needs a file as its source, not the volume root '.'";
        }

        binding = new Binding(normalizedDestination, normalizedSource, kind, readOnly) { SnapshotIntervalMinutes = snapshotInterval };
        return null;
    }

    /// <summary>Checks that a destination is a usable absolute path and normalises it (rules not applied).</summary>
    internal static string? CheckDestinationSyntax(string destination, out string normalized)
    {
        normalized = destination;
        if (destination.Length == 0)
        {
            return "the destination is empty";
        }

        if (FindBadCharacter(destination) is string bad)
        {
            return $"destination '{DisplayText.Escape(destination)}' contains {bad}";
        }

        if (Encoding.UTF8.GetByteCount(destination) > MaxPathBytes)
        {
            return $"the destination is longer than {MaxPathBytes} bytes, the longest path Linux accepts";
        }

        if (destination[0] != '/')
        {
            return $"destination '{DisplayText.Escape(destination)}' is not an absolute path";
        }

        foreach (string component in destination.Split('/'))
        {
            if (component is "." or "..")
            {
                return $"destination '{DisplayText.Escape(destination)}' must not contain '.' or '..' components";
            }
        }

        normalized = Normalize(destination, absolute: true);
        return null;
    }

    /// <summary>Checks that a source stays inside the volume and can be written back, and normalises it.</summary>
    internal static string? CheckSource(string source, out string normalized)
    {
        normalized = source;
        if (source == ".")
        {
            return null;
        }

        if (source.Length == 0)
        {
            return "the source is empty";
        }

        if (FindBadCharacter(source) is string bad)
        {
            return $"source '{DisplayText.Escape(source)}' contains {bad}";
        }

        if (Encoding.UTF8.GetByteCount(source) > MaxPathBytes)
        {
            return $"the source is longer than {MaxPathBytes} bytes, the longest path Linux accepts";
        }

        if (source[0] == '/')
        {
            return $"source '{DisplayText.Escape(source)}' must be relative to the volume";
        }

        int depth = 0;
        bool hasDotComponent = false;
        foreach (string component in source.Split('/'))
        {
            if (component == "..")
            {
                hasDotComponent = true;
                if (--depth < 0)
                {
                    return $"source '{DisplayText.Escape(source)}' escapes the volume";
                }
            }
            else if (component == ".")
            {
                hasDotComponent = true;
            }
            else if (component.Length > 0)
            {
                depth++;
            }
        }

        if (hasDotComponent)
        {
            return $"source '{DisplayText.Escape(source)}' must not contain '.' or '..' components (a lone '.' is the volume root)";
        }

        if (source.Contains(','))
        {
            return $"source '{DisplayText.Escape(source)}' contains a comma, which persistence.conf cannot hold";
        }

        normalized = Normalize(source, absolute: false);
        return null;
    }

    /// <summary>Collapses repeated slashes and drops a trailing one, as live-boot's <c>trim_path</c>.</summary>
    internal static string Normalize(string path, bool absolute)
    {
        bool clean = !path.Contains("//", StringComparison.Ordinal) && (path.Length <= 1 || path[^1] != '/');
        if (clean)
        {
            return path;
        }

        string joined = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        return absolute ? "/" + joined : joined;
    }

    private static string? FindBadCharacter(string path)
    {
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if (char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "invalid Unicode";
            }
            else if (char.IsControl(c) && c != '\t')
            {
                // A tab is legal in file names and quoting carries it; other control characters
                // would garble terminals, logs and the line structure of the file.
                return "a control character";
            }
        }

        return null;
    }
}
