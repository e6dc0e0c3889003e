namespace LivePersist.Core.Config;

/// <summary>How a persistent source is made visible at its destination.</summary>
public enum BindingKind
{
    /// <summary>The source directory is bind-mounted on the destination (the default, option <c>bind</c>).</summary>
    Bind,

    /// <summary>Every file of the source tree is symlinked into the destination (option <c>link</c>, formerly <c>linkfiles</c>).</summary>
    Link,

    /// <summary>An overlay with the destination as lower layer and the source as upper layer (option <c>union</c>).</summary>
    Union,

    /// <summary>A single regular file is bind-mounted on the destination file (option <c>file</c>).</summary>
    File,

    /// <summary>
    /// An overlay with the source as read-only lower layer and a memory (tmpfs) upper layer: the
    /// session's changes stay in RAM until <c>live-persist save</c> merges them into the source
    /// (option <c>snapshot</c>, a live-persist extension: Tails ignores a line with an option it does not
    /// know, so such a line is inert there).
    /// </summary>
    Snapshot,
}
