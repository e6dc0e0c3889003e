namespace LivePersist.SystemTests.Support;

/// <summary>What to attach to the VM and how long to let it run.</summary>
public sealed class VmRunOptions
{
    /// <summary>Images attached as removable USB sticks, in order: the guest's $VM_STICKS (/dev/sda, ...).</summary>
    public IReadOnlyList<string> Sticks { get; init; } = [];

    /// <summary>An image attached as a fixed virtio disk (/dev/vda, the guest's $VM_FIXED), or null.</summary>
    public string? FixedDisk { get; init; }

    /// <summary>
    /// When set, the host kills qemu with SIGKILL as soon as a console line contains this text: a
    /// power cut at that moment.
    /// </summary>
    public string? PowerCutMarker { get; init; }

    /// <summary>
    /// The writable share: the scenario's working directory, seen by the host at the same path.
    /// Null: a temporary one, deleted after the run.
    /// </summary>
    public string? ShareDirectory { get; init; }

    /// <summary>
    /// Host ports to forward into the guest (run.sh <c>--forward</c>): the VM gets a network card, and
    /// the host's 127.0.0.1:PORT reaches the guest's 10.0.2.15:PORT, where the scenario's
    /// <c>expose_loopback_port PORT</c> relays to a service on the guest's 127.0.0.1:PORT. Take free
    /// ports from <see cref="LoopbackPort.FindFree"/>. Empty: no network card.
    /// </summary>
    public IReadOnlyList<int> ForwardedPorts { get; init; } = [];

    /// <summary>After this long qemu is killed and the run ends as <see cref="VmOutcome.TimedOut"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Guest memory in MiB; null for the harness's default (2048).</summary>
    public int? MemoryMiB { get; init; }
}
