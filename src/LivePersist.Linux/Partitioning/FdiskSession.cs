using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

namespace LivePersist.Linux.Partitioning;

/// <summary>
/// A libfdisk context assigned to one device, set up so that libfdisk never asks anything (dialogs off,
/// every question refused), never wipes signatures and never relocates a GPT backup header by itself.
/// Its warnings and information messages are collected for error messages.
/// </summary>
internal sealed unsafe class FdiskSession : IDisposable
{
    private readonly SafeFdiskContextHandle _context;
    private readonly List<string> _messages = [];
    private GCHandle _messagesHandle;
    private bool _assigned;

    private FdiskSession(SafeFdiskContextHandle context, string devicePath)
    {
        _context = context;
        DevicePath = devicePath;
    }

    /// <summary>The device path the session was opened on.</summary>
    public string DevicePath { get; }

    /// <summary>The native context.</summary>
    public SafeFdiskContextHandle Context => _context;

    /// <summary>What libfdisk said so far, one line each.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The logical sector size in bytes.</summary>
    public int SectorSize => checked((int)Interop.Fdisk.GetSectorSize(_context));

    /// <summary>The device size in logical sectors.</summary>
    public long TotalSectors => checked((long)Interop.Fdisk.GetNSectors(_context));

    /// <summary>Whether the device has a GPT.</summary>
    public bool IsGpt => Interop.Fdisk.IsLabelType(_context, Interop.Fdisk.FDISK_DISKLABEL_GPT) == 1;

    /// <summary>The current label driver (null when the device has no partition table).</summary>
    public IntPtr CurrentLabel => Interop.Fdisk.HasLabel(_context) == 1 ? Interop.Fdisk.GetLabel(_context, null) : IntPtr.Zero;

    /// <summary>Opens <paramref name="devicePath"/> read-only or read-write and probes its partition table.</summary>
    public static FdiskSession Open(string devicePath, bool readOnly)
    {
        SafeFdiskContextHandle context = Interop.Fdisk.NewContext();
        if (context.IsInvalid)
        {
            context.Dispose();
            throw new OutOfMemoryException("libfdisk could not allocate a context.");
        }

        FdiskSession session = new(context, devicePath);
        try
        {
            session.Assign(readOnly);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return session;
    }

    /// <summary>Throws an <see cref="IOException"/> for a negative libfdisk result, naming the operation.</summary>
    public void Check(int result, string operation)
    {
        if (result < 0)
        {
            throw CreateException(-result, operation);
        }
    }

    /// <summary>An exception for errno <paramref name="errno"/> during <paramref name="operation"/>, with libfdisk's messages.</summary>
    public Exception CreateException(int errno, string operation)
    {
        Exception inner = Interop.GetExceptionForIoErrno(new Interop.ErrorInfo(errno), DevicePath);
        string details = Messages.Count == 0 ? string.Empty : " (" + string.Join("; ", Messages) + ")";
        return inner switch
        {
            UnauthorizedAccessException => new UnauthorizedAccessException($"Cannot {operation} on {DevicePath}: {inner.Message}{details}", inner),
            _ => new IOException($"Cannot {operation} on {DevicePath}: {inner.Message}{details}", inner),
        };
    }

    /// <summary>A number from the GPT header (<c>GPT_LABELITEM_*</c>).</summary>
    public long ReadGptHeaderValue(int item)
    {
        using SafeFdiskLabelItemHandle labelItem = Interop.Fdisk.NewLabelItem();
        if (labelItem.IsInvalid)
        {
            throw new OutOfMemoryException("libfdisk could not allocate a label item.");
        }

        int result = Interop.Fdisk.GetDisklabelItem(_context, item, labelItem);
        if (result != 0)
        {
            throw CreateException(result < 0 ? -result : (int)Interop.Errno.EINVAL, "read the GPT header");
        }

        Check(Interop.Fdisk.LabelItemGetDataU64(labelItem, out ulong value), "read the GPT header");
        return checked((long)value);
    }

    /// <summary>Every used entry of the in-memory table (the caller owns the table).</summary>
    public SafeFdiskTableHandle GetPartitions()
    {
        IntPtr table = IntPtr.Zero;
        int result = Interop.Fdisk.GetPartitions(_context, &table);
        SafeFdiskTableHandle handle = new(table);
        if (result < 0)
        {
            handle.Dispose();
            throw CreateException(-result, "read the partition table");
        }

        return handle;
    }

    /// <summary>The used entries of the in-memory table, by number.</summary>
    public IReadOnlyList<PartitionTableEntry> ReadEntries()
    {
        using SafeFdiskTableHandle table = GetPartitions();
        List<PartitionTableEntry> entries = [];
        nuint count = table.IsInvalid ? 0 : Interop.Fdisk.TableGetNents(table);
        for (nuint i = 0; i < count; i++)
        {
            IntPtr partition = Interop.Fdisk.TableGetPartition(table, i);
            if (partition != IntPtr.Zero && Interop.Fdisk.PartitionIsUsed(partition) == 1)
            {
                entries.Add(ToEntry(partition));
            }
        }

        entries.Sort((a, b) => a.Number.CompareTo(b.Number));
        return entries;
    }

    /// <summary>Entry <paramref name="index"/> (zero-based) of the in-memory table; null when unused.</summary>
    public PartitionTableEntry? ReadEntry(int index)
    {
        if (Interop.Fdisk.IsPartitionUsed(_context, (nuint)index) != 1)
        {
            return null;
        }

        IntPtr partition = IntPtr.Zero;
        int result = Interop.Fdisk.GetPartition(_context, (nuint)index, &partition);
        using SafeFdiskPartitionHandle handle = new(partition);
        Check(result, "read a partition entry");
        return ToEntry(partition);
    }

    /// <summary>Closes the device (fsync when read-write, no global sync) and frees the context.</summary>
    public void Dispose()
    {
        if (_assigned)
        {
            _assigned = false;
            Interop.Fdisk.DeassignDevice(_context, noSync: 1);
        }

        _context.Dispose();
        if (_messagesHandle.IsAllocated)
        {
            _messagesHandle.Free();
        }
    }

    private void Assign(bool readOnly)
    {
        _messagesHandle = GCHandle.Alloc(_messages);
        Interop.Fdisk.SetAsk(_context, &OnAsk, GCHandle.ToIntPtr(_messagesHandle));
        Interop.Fdisk.DisableDialogs(_context, 1);

        // Moving the backup header is a repair; it is not ours to do silently.
        IntPtr gpt = Interop.Fdisk.GetLabel(_context, "gpt");
        if (gpt != IntPtr.Zero)
        {
            Interop.Fdisk.GptDisableRelocation(gpt, 1);
        }

        Check(Interop.Fdisk.AssignDevice(_context, DevicePath, readOnly ? 1 : 0), readOnly ? "read the partition table" : "open the disk for writing");
        _assigned = true;
        Interop.Fdisk.EnableWipe(_context, 0);
    }

    private static PartitionTableEntry ToEntry(IntPtr partition)
    {
        IntPtr type = Interop.Fdisk.PartitionGetType(partition);
        string? typeString = type == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(Interop.Fdisk.ParttypeGetString(type));
        string? name = Marshal.PtrToStringUTF8(Interop.Fdisk.PartitionGetName(partition));
        string? uuid = Marshal.PtrToStringUTF8(Interop.Fdisk.PartitionGetUuid(partition));
        return new PartitionTableEntry(
            checked((int)Interop.Fdisk.PartitionGetPartno(partition) + 1),
            checked((long)Interop.Fdisk.PartitionGetStart(partition)),
            checked((long)Interop.Fdisk.PartitionGetSize(partition)),
            string.IsNullOrEmpty(name) ? null : name,
            typeString is null ? null : NormalizeGuid(typeString),
            uuid is null ? null : NormalizeGuid(uuid));
    }

    private static string NormalizeGuid(string value) =>
        Guid.TryParseExact(value, "D", out Guid guid) ? guid.ToString("D").ToUpperInvariant() : value;

    // libfdisk reports warnings and information through the same callback as questions. We keep the
    // messages and refuse every question, so nothing is ever decided by a default answer.
    [UnmanagedCallersOnly]
    private static int OnAsk(IntPtr context, IntPtr ask, IntPtr data)
    {
        try
        {
            int type = Interop.Fdisk.AskGetType(ask);
            if (type is not (Interop.Fdisk.FDISK_ASKTYPE_WARN or Interop.Fdisk.FDISK_ASKTYPE_WARNX or Interop.Fdisk.FDISK_ASKTYPE_INFO))
            {
                return -(int)Interop.Errno.ECANCELED;
            }

            string message = (Marshal.PtrToStringUTF8(Interop.Fdisk.AskPrintGetMesg(ask)) ?? string.Empty).Trim();
            if (type == Interop.Fdisk.FDISK_ASKTYPE_WARN)
            {
                int errno = Interop.Fdisk.AskPrintGetErrno(ask);
                if (errno != 0)
                {
                    message += ": " + Marshal.GetPInvokeErrorMessage(errno);
                }
            }

            if (GCHandle.FromIntPtr(data).Target is List<string> messages && message.Length > 0)
            {
                lock (messages)
                {
                    messages.Add(message);
                }
            }

            return 0;
        }
        catch (Exception)
        {
            // Nothing may unwind into native code.
            return -(int)Interop.Errno.EINVAL;
        }
    }
}
