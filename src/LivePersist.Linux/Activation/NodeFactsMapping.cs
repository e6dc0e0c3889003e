using LivePersist.Core.FileSystem;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.Activation;

/// <summary>Turns what the system layer observed into the pure layer's facts.</summary>
internal static class NodeFactsMapping
{
    public static NodeFacts ToNodeFacts(this FileStatus status, bool hasExtendedAcl = false)
    {
        NodeKind kind = status.Kind switch
        {
            FileKind.Missing => NodeKind.Missing,
            FileKind.Directory => NodeKind.Directory,
            FileKind.RegularFile => NodeKind.RegularFile,
            FileKind.Symlink => NodeKind.Symlink,
            _ => NodeKind.Special,
        };
        return new NodeFacts(kind, status.Uid, status.Gid, status.Mode, hasExtendedAcl, status.IsMountRoot);
    }
}
