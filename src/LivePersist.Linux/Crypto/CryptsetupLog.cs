using System.Runtime.InteropServices;
using System.Text;
using LivePersist.Linux.SafeHandles;

namespace LivePersist.Linux.Crypto;

/// <summary>
/// Receives libcryptsetup's log messages instead of letting the library print them. Error lines of the current
/// call are kept per thread so the exception for a failed call can carry the library's explanation. The library
/// never logs passphrases or keys at the levels it reports here (debug output is never enabled).
/// </summary>
public static class CryptsetupLog
{
    private const int MaximumKeptLines = 20;

    private static readonly Lock s_registrationLock = new();

    private static bool s_registered;

    [ThreadStatic]
    private static List<string>? s_threadErrors;

    /// <summary>
    /// Optional listener for every message (for <c>--verbose</c> or a log file). Called on the thread that made
    /// the libcryptsetup call; it must not throw.
    /// </summary>
    public static Action<CryptsetupLogLevel, string>? Sink { get; set; }

    /// <summary>Routes the library's default logger (used before a context exists) to us. Idempotent.</summary>
    internal static unsafe void EnsureRegistered()
    {
        if (Volatile.Read(ref s_registered))
        {
            return;
        }

        lock (s_registrationLock)
        {
            if (!s_registered)
            {
                Interop.Cryptsetup.SetLogCallback(IntPtr.Zero, &OnLog, IntPtr.Zero);
                Volatile.Write(ref s_registered, true);
            }
        }
    }

    /// <summary>Routes one context's messages to us.</summary>
    internal static unsafe void Attach(SafeCryptDeviceHandle cd) => Interop.Cryptsetup.SetLogCallback(cd, &OnLog, IntPtr.Zero);

    /// <summary>Forgets error lines left by earlier calls on this thread; call at the start of an operation.</summary>
    internal static void Clear() => s_threadErrors?.Clear();

    /// <summary>The error lines logged on this thread since <see cref="Clear"/>, joined, or null; then forgets them.</summary>
    internal static string? TakeErrors()
    {
        List<string>? errors = s_threadErrors;
        if (errors is null || errors.Count == 0)
        {
            return null;
        }

        string joined = string.Join(" ", errors);
        errors.Clear();
        return joined;
    }

    /// <summary>Records one message as the native callback would (used by the callback and by tests).</summary>
    internal static void Record(int nativeLevel, string message)
    {
        CryptsetupLogLevel level = nativeLevel switch
        {
            Interop.Cryptsetup.CRYPT_LOG_ERROR => CryptsetupLogLevel.Error,
            Interop.Cryptsetup.CRYPT_LOG_VERBOSE => CryptsetupLogLevel.Verbose,
            Interop.Cryptsetup.CRYPT_LOG_NORMAL => CryptsetupLogLevel.Normal,
            _ => CryptsetupLogLevel.Debug,
        };

        if (level == CryptsetupLogLevel.Error)
        {
            List<string> errors = s_threadErrors ??= [];
            if (errors.Count < MaximumKeptLines)
            {
                errors.Add(message);
            }
        }

        Sink?.Invoke(level, message);
    }

    [UnmanagedCallersOnly]
    private static unsafe void OnLog(int level, byte* message, IntPtr userPointer)
    {
        // An exception must never unwind into native code.
        try
        {
            if (message is null || level < Interop.Cryptsetup.CRYPT_LOG_NORMAL)
            {
                return;
            }

            string text = Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(message)).Trim();
            if (text.Length > 0)
            {
                Record(level, text);
            }
        }
        catch (Exception)
        {
        }
    }
}
