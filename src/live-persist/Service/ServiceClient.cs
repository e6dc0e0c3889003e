using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using LivePersist.Core;

namespace LivePersist.Cli.Service;

/// <summary>
/// Talks to live-persistd over its Unix socket (HTTP/1.1, JSON). The service decides what the caller
/// may do from the socket's peer credentials, so this client carries no credentials of its own.
/// </summary>
internal sealed class ServiceClient : IDisposable
{
    /// <summary>Where the service listens unless told otherwise.</summary>
    public const string DefaultSocketPath = "/run/live-persist/live-persistd.sock";

    private readonly HttpClient _http;
    private readonly string _socketPath;

    public ServiceClient(string socketPath)
    {
        _socketPath = socketPath;
        SocketsHttpHandler handler = new()
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                Socket socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        // The host name is never resolved: every connection goes to the socket.
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://live-persistd/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Asks for a one-time link to the web UI, opening <paramref name="screen"/> (or the caller's default).</summary>
    public async Task<WebSessionJson> CreateWebSessionAsync(string? screen, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(
            () => _http.PostAsJsonAsync("v1/web-sessions", new WebSessionRequestJson(screen), ServiceJsonContext.Default.WebSessionRequestJson, cancellationToken));
        return await response.Content.ReadFromJsonAsync(ServiceJsonContext.Default.WebSessionJson, cancellationToken)
            ?? throw new PersistenceException(ErrorKind.Failed, "The Persistent Storage service gave an empty answer.");
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException socket)
        {
            throw new PersistenceException(ErrorKind.Failed, socket.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable or SocketError.ConnectionRefused =>
                    $"The Persistent Storage service is not running ({_socketPath}): start it with 'systemctl start live-persistd'.",
                SocketError.AccessDenied => $"You may not talk to the Persistent Storage service ({_socketPath}: permission denied).",
                _ => $"The Persistent Storage service cannot be reached at {_socketPath}: {socket.Message}",
            });
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorFromAsync(response);
        }
    }

    private static async Task<PersistenceException> ErrorFromAsync(HttpResponseMessage response)
    {
        ServiceErrorJson? error = null;
        try
        {
            error = (await response.Content.ReadFromJsonAsync(ServiceJsonContext.Default.ServiceErrorEnvelopeJson))?.Error;
        }
        catch (JsonException)
        {
            // Not our service's error shape: the status code is all there is.
        }

        ErrorKind kind = error?.Kind is string name && Enum.TryParse(name, out ErrorKind parsed)
            ? parsed
            : response.StatusCode == HttpStatusCode.Forbidden ? ErrorKind.PermissionDenied : ErrorKind.Failed;
        return new PersistenceException(kind, error?.Message ?? $"The Persistent Storage service refused: {(int)response.StatusCode} {response.ReasonPhrase}.");
    }
}
