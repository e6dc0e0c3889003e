using System.Net;
using LivePersist.Core;
using LivePersist.Core.Service;
using LivePersist.Daemon.Api;
using LivePersist.Daemon.Jobs;
using LivePersist.Daemon.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LivePersist.Daemon;

/// <summary>The service: Kestrel on the Unix socket and on 127.0.0.1, the API, the web UI, the jobs.</summary>
internal static class Daemon
{
    public static async Task<int> RunAsync(DaemonOptions options, DaemonLog log)
    {
        AccessPolicy policy = AccessPolicy.For(options.Profile, GreeterUid(options, log));
        WebSessionStore sessions = new(TimeProvider.System);
        WebListener listener = new();
        JobRunner runner = new(new JobBook(TimeProvider.System), options.Root, log);
        RequestIdentity identity = new(policy, sessions, listener, log);
        ApiEndpoints api = new(options, policy, runner, new StorageJobs(options, log), new FeatureJobs(options, log), sessions, listener, log);
        WebEndpoints web = new(sessions, options.WebRoot is null ? EmbeddedAssets.Load() : EmbeddedAssets.LoadDirectory(options.WebRoot), log);

        UnixSocketFile.Prepare(options.SocketPath, log);
        await using WebApplication app = Build(options);
        app.Use((context, next) =>
        {
            SecurityHeaders.Apply(context.Response.Headers);
            return next(context);
        });
        app.Use((context, next) => MapErrors(context, next, log));
        app.Use(identity.InvokeAsync);
        api.Map(app);
        web.Map(app);
        app.MapFallback(context => Responses.NotFound(context, "No such path."));

        await app.StartAsync();
        listener.Bound(WebPort(app));
        UnixSocketFile.Open(options.SocketPath);
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            SystemdNotify.Send("STOPPING=1", log);
            runner.CancelRunningJob();
        });
        log.Info($"live-persistd ready: API on {options.SocketPath}, web UI on http://127.0.0.1:{listener.Port} (profile {options.Profile.Name}, root {options.Root})");
        SystemdNotify.Send("READY=1", log);
        await app.WaitForShutdownAsync();
        return ExitCodes.Success;
    }

    private static WebApplication Build(DaemonOptions options)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Nothing from the environment or the working directory may add a listener or change a limit: the only
        // endpoints are the two below. And no framework log: a request line can hold a link's token.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaximumBytes * 4;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.ListenUnixSocket(options.SocketPath);
            kestrel.Listen(IPAddress.Loopback, options.WebPort);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder.Build();
    }

    // The port Kestrel bound on 127.0.0.1 (the kernel's choice with --web-port 0).
    private static int WebPort(WebApplication app)
    {
        ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (string address in addresses)
        {
            if (address.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) && Uri.TryCreate(address, UriKind.Absolute, out Uri? uri))
            {
                return uri.Port;
            }
        }

        throw new InvalidOperationException($"Kestrel bound no address on 127.0.0.1 ({string.Join(", ", addresses)}).");
    }

    private static uint? GreeterUid(DaemonOptions options, DaemonLog log)
    {
        string? user = options.GreeterUser ?? options.Profile.Service.GreeterUser;
        if (user is null)
        {
            return null;
        }

        uint? uid = UserIds.Resolve(user, File.Exists("/etc/passwd") ? File.ReadAllText("/etc/passwd") : string.Empty);
        if (uid is null)
        {
            log.Warning($"the greeter user {user} does not exist on this system: nobody has the greeter's role");
        }

        return uid;
    }

    // Every failure of a request gets the API's error shape: the CLI's kinds and exit codes, the HTTP status of the kind.
    private static async Task MapErrors(HttpContext context, RequestDelegate next, DaemonLog log)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals: a body larger than its limit, a broken chunk...
            await Responses.Error(context, exception.StatusCode, ErrorKind.Usage, $"Malformed request: {exception.Message}");
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            ErrorDetail error = JobRunner.ErrorFor(exception);
            if (ErrorDetail.FromException(exception) is null)
            {
                log.Error($"{context.Request.Method} {context.Request.Path.ToUriComponent()} failed: {exception}");
            }

            await Responses.Json(context, Responses.StatusFor(error.Kind), new ErrorReport(error), Json.ServiceJsonContext.Default.ErrorReport);
        }
    }
}
