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
}
