namespace LivePersist.Linux.BlockDevices;

/// <summary>Maps device node paths to kernel block device names and back.</summary>
internal static class KernelDeviceName
{
    /// <summary>
    /// The kernel name of a device node path (<c>/dev/sdb1</c> → <c>sdb1</c>), following symbolic links;
    /// null when sysfs has no block device of that name (a regular file, a missing path).
    /// </summary>
    public static string? Of(string devicePath, string sysfsRoot, string devRoot)
    {
        string resolved = Sysfs.Resolve(devicePath);
        string devPrefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(devRoot)) + "/";
        if (!resolved.StartsWith(devPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        // Nodes in subdirectories (/dev/cciss/c0d0) are named with '!' in sysfs.
        string name = resolved[devPrefix.Length..].Replace('/', '!');
        return Directory.Exists(Path.Combine(sysfsRoot, "class", "block", name))
            || Directory.Exists(Path.Combine(sysfsRoot, "block", name)) ? name : null;
    }

    /// <summary>The device node path of a kernel name (<c>sdb1</c> → <c>/dev/sdb1</c>).</summary>
    public static string PathOf(string kernelName, string devRoot) => Path.Combine(devRoot, kernelName.Replace('!', '/'));
}
