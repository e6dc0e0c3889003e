using System.Security.Cryptography;
using System.Text;
using LivePersist.Core.Config;
using LivePersist.Core.Storage;

namespace LivePersist.Linux.Activation;

/// <summary>
/// Names and places of the mounts live-persist makes besides plain binds, so that they can be found
/// again from mountinfo alone (no state file to lose or to forge). Read-only sessions keep their
/// memory layers in one tmpfs under <c>run/live-persist/session</c> of the target root.
/// </summary>
public static class SessionLayout
{
    /// <summary>Path of the session tmpfs, relative to the target root.</summary>
    public const string SessionDirectory = "run/live-persist/session";

    /// <summary>Mount source name of the session tmpfs.</summary>
    public const string SessionSource = "live-persist-session";

    /// <summary>
    /// Path, relative to the target root, of the directory holding one memory layer (a tmpfs of its own)
    /// per active <c>snapshot</c> binding. Not the read-only session's tmpfs: a snapshot is used in a
    /// read-write session, and that tmpfs marks a session as read-only.
    /// </summary>
    public const string SnapshotDirectory = "run/live-persist/snapshot";

    /// <summary>Mount source name of the tmpfs holding a snapshot binding's memory layer.</summary>
    public const string SnapshotLayerSource = "live-persist-snapshot";

    /// <summary>Name of the overlay's upper directory inside a snapshot's memory layer.</summary>
    public const string SnapshotUpperDirectory = "upper";

    /// <summary>Name of the overlay's work directory inside a snapshot's memory layer.</summary>
    public const string SnapshotWorkDirectory = "work";

    /// <summary>Name of the empty file, at the root of a snapshot's memory layer, whose mtime is when the last complete save started.</summary>
    public const string SnapshotSavedMarker = "saved";

    /// <summary>Mount source name of the overlay of a <c>snapshot</c> binding from the volume on <paramref name="device"/>.</summary>
    public static string SnapshotSource(DeviceNumber device, Binding binding) => $"live-persist:{device}:snapshot:{binding.Source}";

    /// <summary>Where <paramref name="binding"/>'s memory layer (a tmpfs) is mounted, relative to the target root.</summary>
    public static string SnapshotLayer(Binding binding) => $"{SnapshotDirectory}/{KeyOf(binding)}";

    /// <summary>Mount source name of a union overlay of <paramref name="binding"/> from the volume on <paramref name="device"/>.</summary>
    public static string UnionSource(DeviceNumber device, Binding binding) => $"live-persist:{device}:union:{binding.Source}";

    /// <summary>Mount source name of a read-only session overlay (directory binding or link view).</summary>
    public static string SessionOverlaySource(DeviceNumber device, Binding binding) => SessionOverlayPrefix(device) + binding.Source;

    /// <summary>What the mount source names of every read-only session overlay of the volume on <paramref name="device"/> start with.</summary>
    public static string SessionOverlayPrefix(DeviceNumber device) => $"live-persist:{device}:session:";

    /// <summary>
    /// The directory (relative to the session tmpfs) holding one binding's memory layers: readable, and
    /// unique per destination.
    /// </summary>
    public static string KeyOf(Binding binding)
    {
        string readable = new(binding.Destination.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(binding.Destination));
        string suffix = Convert.ToHexStringLower(hash, 0, 4);
        return $"{readable.Trim('_')[..Math.Min(48, readable.Trim('_').Length)]}-{suffix}";
    }

    /// <summary>The target-root-relative path of a destination (<c>.</c> for <c>/</c>).</summary>
    public static string RelativeDestination(string destination) => destination == "/" ? "." : destination[1..];
}
