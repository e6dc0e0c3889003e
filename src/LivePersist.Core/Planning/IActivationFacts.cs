using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;

namespace LivePersist.Core.Planning;

/// <summary>
/// What the planner needs to know about the volume and the target system, observed by the system layer
/// without following symbolic links. Tests provide it from plain data.
/// </summary>
public interface IActivationFacts
{
    /// <summary>Bytes the volume has free for new data.</summary>
    long VolumeFreeBytes { get; }

    /// <summary>A path on the volume, relative to its root (<c>.</c> is the root).</summary>
    NodeFacts Source(string relativePath);

    /// <summary>An absolute path in the target system.</summary>
    NodeFacts Destination(string absolutePath);

    /// <summary>Whether the binding is in effect now.</summary>
    BindingActivity Activity(Binding binding);

    /// <summary>Bytes of data at or below an absolute path of the target system (what a bootstrap would copy).</summary>
    long TreeSize(string absolutePath);
}
