using System.Security.Cryptography;
using System.Text.Json;
using LivePersist.Core;
using LivePersist.Linux.Secrets;
using Microsoft.AspNetCore.Http;

namespace LivePersist.Daemon.Api;

/// <summary>
/// A request's JSON body, read into a pinned buffer this class owns and zeroes once parsed. Passphrases go straight
/// from that buffer into <see cref="SecretBuffer"/>s (zeroed when disposed): no string ever holds one. Unknown
/// fields are ignored; a field of the wrong type, a passphrase too long or a body too large is a usage error.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    /// <summary>The largest body accepted: passphrases are at most 512 bytes; the rest is a few short fields.</summary>
    public const int MaximumBytes = 16 * 1024;

    // The longest JSON string that can hold a passphrase of MaximumLength bytes: each byte escaped as \u00XX.
    private const int MaximumEscapedPassphrase = 6 * PassphraseReader.MaximumLength;

    private SecretBuffer? _passphrase;
    private SecretBuffer? _newPassphrase;

    private RequestBody()
    {
    }

    /// <summary><c>readOnly</c>.</summary>
    public bool ReadOnly { get; private set; }

    /// <summary><c>link</c>.</summary>
    public bool Link { get; private set; }

    /// <summary><c>discard</c>: switch off without saving the snapshot folders (their unsaved changes are lost).</summary>
    public bool Discard { get; private set; }

    /// <summary><c>device</c>.</summary>
    public string? Device { get; private set; }

    /// <summary><c>destination</c>.</summary>
    public string? Destination { get; private set; }

    /// <summary><c>screen</c>.</summary>
    public string? Screen { get; private set; }

    /// <summary>Whether the body has a <c>passphrase</c>.</summary>
    public bool HasPassphrase => _passphrase is not null;

    /// <summary>Reads and parses the body of <paramref name="request"/> (an empty body is an empty object).</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Usage"/>: too large, not JSON, a field of the wrong type.</exception>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        byte[] buffer = GC.AllocateArray<byte>(MaximumBytes + 1, pinned: true);
        try
        {
            int length = 0;
            while (length < buffer.Length)
            {
                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > MaximumBytes)
            {
                throw new PersistenceException(ErrorKind.Usage, $"The request body is larger than {MaximumBytes} bytes.");
            }

            RequestBody body = new();
            try
            {
                body.Parse(buffer.AsSpan(0, length));
                return body;
            }
            catch
            {
                body.Dispose();
                throw;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>Hands the <c>passphrase</c> over to the caller, who disposes it.</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Usage"/> when the body has none.</exception>
    public SecretBuffer TakePassphrase() => Take(ref _passphrase, "passphrase");

    /// <summary>Hands the <c>newPassphrase</c> over to the caller, who disposes it.</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Usage"/> when the body has none.</exception>
    public SecretBuffer TakeNewPassphrase() => Take(ref _newPassphrase, "newPassphrase");

    /// <summary>Zeroes the passphrases not handed over.</summary>
    public void Dispose()
    {
        _passphrase?.Dispose();
        _newPassphrase?.Dispose();
    }

    private static SecretBuffer Take(ref SecretBuffer? field, string name)
    {
        SecretBuffer secret = field ?? throw new PersistenceException(ErrorKind.Usage, $"The request body has no '{name}'.");
        field = null;
        return secret;
    }

    private void Parse(ReadOnlySpan<byte> json)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return;
        }

        Utf8JsonReader reader = new(json, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid("The request body must be a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("passphrase"u8))
                {
                    reader.Read();
                    ReplaceSecret(ref _passphrase, ReadSecret(ref reader, "passphrase"));
                }
                else if (reader.ValueTextEquals("newPassphrase"u8))
                {
                    reader.Read();
                    ReplaceSecret(ref _newPassphrase, ReadSecret(ref reader, "newPassphrase"));
                }
                else if (reader.ValueTextEquals("readOnly"u8))
                {
                    reader.Read();
                    ReadOnly = ReadBoolean(ref reader, "readOnly");
                }
                else if (reader.ValueTextEquals("link"u8))
                {
                    reader.Read();
                    Link = ReadBoolean(ref reader, "link");
                }
                else if (reader.ValueTextEquals("discard"u8))
                {
                    reader.Read();
                    Discard = ReadBoolean(ref reader, "discard");
                }
                else if (reader.ValueTextEquals("device"u8))
                {
                    reader.Read();
                    Device = ReadString(ref reader, "device");
                }
                else if (reader.ValueTextEquals("destination"u8))
                {
                    reader.Read();
                    Destination = ReadString(ref reader, "destination");
                }
                else if (reader.ValueTextEquals("screen"u8))
                {
                    reader.Read();
                    Screen = ReadString(ref reader, "screen");
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw Invalid("The request body must be one JSON object.");
            }
        }
        catch (JsonException exception)
        {
            // Not the reader's message: it quotes the offending byte, which may belong to a passphrase.
            throw Invalid(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})."));
        }
    }

    private static void ReplaceSecret(ref SecretBuffer? field, SecretBuffer value)
    {
        field?.Dispose();
        field = value;
    }

    private static SecretBuffer ReadSecret(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Invalid($"'{name}' must be a string.");
        }

        if (reader.HasValueSequence || reader.ValueSpan.Length > MaximumEscapedPassphrase)
        {
            throw TooLong(name);
        }

        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.Length > PassphraseReader.MaximumLength ? throw TooLong(name) : SecretBuffer.CopyOf(reader.ValueSpan);
        }

        // Unescaped on the stack (at most 3 KiB), copied into the secret buffer, then zeroed.
        Span<byte> unescaped = stackalloc byte[MaximumEscapedPassphrase];
        try
        {
            int length = reader.CopyString(unescaped);
            return length > PassphraseReader.MaximumLength ? throw TooLong(name) : SecretBuffer.CopyOf(unescaped[..length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(unescaped);
        }
    }

    private static bool ReadBoolean(ref Utf8JsonReader reader, string name) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Invalid($"'{name}' must be true or false."),
    };

    private static string? ReadString(ref Utf8JsonReader reader, string name) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Invalid($"'{name}' must be a string."),
    };

    private static PersistenceException TooLong(string name) =>
        Invalid($"'{name}' is longer than {PassphraseReader.MaximumLength} bytes: choose a shorter one.");

    private static PersistenceException Invalid(string message) => new(ErrorKind.Usage, message);
}
