namespace LivePersist.Linux.Crypto;

/// <summary>Who holds a block device open through the kernel (a dm-crypt mapping, a RAID, LVM).</summary>
internal static class BlockDeviceHolders
{
    /// <summary>
    /// The names under <c>/sys/class/block/NAME/holders</c>, e.g. <c>dm-0</c>; empty for a device nobody holds
    /// and for a regular (image) file.
    /// </summary>
    internal static IReadOnlyList<string> Of(string devicePath)
    {
        string resolved = File.ResolveLinkTarget(devicePath, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(devicePath);
        string holders = Path.Combine("/sys/class/block", Path.GetFileName(resolved), "holders");
        if (!resolved.StartsWith("/dev/", StringComparison.Ordinal) || !Directory.Exists(holders))
        {
            return [];
        }

        return [.. Directory.EnumerateFileSystemEntries(holders).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
    }
}
