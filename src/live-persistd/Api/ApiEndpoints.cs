using System.Globalization;
using LivePersist.Core;
using LivePersist.Core.AdditionalSoftware;
using LivePersist.Core.Config;
using LivePersist.Core.Encryption;
using LivePersist.Core.Features;
using LivePersist.Core.Service;
using LivePersist.Daemon.Jobs;
using LivePersist.Daemon.Json;
using LivePersist.Daemon.Web;
using LivePersist.Linux.Activation;
using LivePersist.Linux.AdditionalSoftware;
using LivePersist.Linux.Lifecycle;
using LivePersist.Linux.Reporting;
using LivePersist.Linux.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LivePersist.Daemon.Api;

/// <summary>
/// The JSON API (docs/service.md, "The API"), the same on the socket and, with the session's role, in the web UI.
/// Each request is checked against the caller's role first; every long operation becomes a job (202), one at a time.
/// </summary>
internal sealed class ApiEndpoints(
    DaemonOptions options,
    AccessPolicy policy,
    JobRunner runner,
    StorageJobs storage,
    FeatureJobs features,
    WebSessionStore sessions,
    WebListener listener,
    DaemonLog log)
{
    /// <summary>The longest a client may wait for a job to change.</summary>
    public static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(60);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/status", Status);
        app.MapGet("/v1/features", ListFeatures);
        app.MapPost("/v1/unlock", Unlock);
        app.MapPost("/v1/upgrade", Upgrade);
        app.MapPost("/v1/create", Create);
        app.MapPost("/v1/lock", Lock);
        app.MapPost("/v1/delete", Delete);
        app.MapPost("/v1/change-passphrase", ChangePassphrase);
        app.MapPost("/v1/repair", Repair);
        app.MapGet("/v1/backup-devices", ListBackupDevices);
        app.MapPost("/v1/backup", Backup);
        app.MapPost("/v1/features/{id}/enable", EnableFeature);
        app.MapPost("/v1/features/{id}/disable", DisableFeature);
        app.MapPost("/v1/features/{id}/delete-data", DeleteFeatureData);
        app.MapPost("/v1/features/{id}/save", SaveFeature);
        app.MapPost("/v1/save", SaveAll);
        app.MapPost("/v1/custom-folders", AddCustomFolder);
        app.MapDelete("/v1/custom-folders", RemoveCustomFolder);
        app.MapGet("/v1/additional-software", ListSoftware);
        app.MapPost("/v1/additional-software/offers/{package}/accept", AcceptOffer);
        app.MapPost("/v1/additional-software/offers/{package}/dismiss", DismissOffer);
        app.MapDelete("/v1/additional-software/packages/{package}", RemovePackage);
        app.MapPost("/v1/passphrase-strength", EstimateStrength);
        app.MapGet("/v1/jobs/{id}", GetJob);
        app.MapPost("/v1/jobs/{id}/cancel", CancelJob);
        app.MapPost("/v1/web-sessions", CreateWebSession);
    }

    private async Task Status(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Status) is not Caller caller)
        {
            return;
        }

        StorageStatus status = new StorageService(options.Profile, options.Root, log).Status(options.Device);
        JobSnapshot? job = runner.Book.Current?.Snapshot;
        ServiceStatusJson json = new(
            StatusJson.From(status),
            Roles.Name(caller.Role),
            policy.AllowedOperations(caller.Role).Select(ServiceOperations.Name).ToArray(),
            job is null ? null : JobJson.From(job));
        await Responses.Json(context, StatusCodes.Status200OK, json, ServiceJsonContext.Default.ServiceStatusJson);
    }

    private async Task ListFeatures(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Status) is null)
        {
            return;
        }

        FeatureJson[] json = features.List().Select(FeatureJson.From).ToArray();
        await Responses.Json(context, StatusCodes.Status200OK, json, ServiceJsonContext.Default.FeatureJsonArray);
    }

    private async Task Unlock(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Unlock) is not Caller caller)
        {
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        SecretBuffer passphrase = body.TakePassphrase();
        bool readOnly = body.ReadOnly;
        await StartJob(context, caller, ServiceOperation.Unlock, cancellable: false, "Unlocking",
            job => storage.Unlock(job, passphrase, readOnly), passphrase);
    }

    private async Task Upgrade(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Upgrade) is not Caller caller)
        {
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        SecretBuffer passphrase = body.TakePassphrase();
        await StartJob(context, caller, ServiceOperation.Upgrade, cancellable: false, "Upgrading the encryption",
            job => storage.Upgrade(job, passphrase), passphrase);
    }

    private async Task Create(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Create) is not Caller caller)
        {
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        SecretBuffer passphrase = body.TakePassphrase();
        await StartJob(context, caller, ServiceOperation.Create, cancellable: false, "Creating the Persistent Storage",
            job => storage.Create(job, passphrase), passphrase);
    }

    private async Task Lock(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Lock) is Caller caller)
        {
            await StartJob(context, caller, ServiceOperation.Lock, cancellable: false, "Locking", storage.Lock, owned: null);
        }
    }

    private async Task Delete(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Delete) is Caller caller)
        {
            await StartJob(context, caller, ServiceOperation.Delete, cancellable: false, "Deleting the Persistent Storage", storage.Delete, owned: null);
        }
    }

    private async Task ChangePassphrase(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.ChangePassphrase) is not Caller caller)
        {
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        SecretBuffer oldPassphrase = body.TakePassphrase();
        SecretBuffer newPassphrase;
        try
        {
            newPassphrase = body.TakeNewPassphrase();
        }
        catch
        {
            oldPassphrase.Dispose();
            throw;
        }

        await StartJob(context, caller, ServiceOperation.ChangePassphrase, cancellable: false, "Changing the passphrase",
            job => storage.ChangePassphrase(job, oldPassphrase, newPassphrase), new Secrets(oldPassphrase, newPassphrase));
    }

    private async Task Repair(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Repair) is not Caller caller)
        {
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        SecretBuffer? passphrase = body.HasPassphrase ? body.TakePassphrase() : null;
        await StartJob(context, caller, ServiceOperation.Repair, cancellable: true, "Repairing the file system",
            job => storage.Repair(job, passphrase), passphrase);
    }

    private async Task ListBackupDevices(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Backup) is not null)
        {
            await Responses.Json(context, StatusCodes.Status200OK, BackupDevices.List(options), ServiceJsonContext.Default.BackupDeviceJsonArray);
        }
    }

    private async Task Backup(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Backup) is not Caller caller)
        {
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        string target = string.IsNullOrEmpty(body.Device)
            ? throw new PersistenceException(ErrorKind.Usage, "The request body has no 'device': the disk to back up to.")
            : body.Device;
        SecretBuffer passphrase = body.TakePassphrase();
        await StartJob(context, caller, ServiceOperation.Backup, cancellable: true, $"Backing up to {target}",
            job => storage.Backup(job, target, passphrase), passphrase);
    }

    private async Task EnableFeature(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Features) is not Caller caller || await FindFeature(context, RouteId(context)) is not FeatureDefinition feature)
        {
            return;
        }

        await StartJob(context, caller, ServiceOperation.Features, cancellable: true, $"Turning on {feature.Name}",
            job => features.Enable(job, NameForService(feature), feature.Name), owned: null);
    }

    private async Task DisableFeature(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Features) is not Caller caller || await FindFeature(context, RouteId(context)) is not FeatureDefinition feature)
        {
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        bool discard = body.Discard;
        await StartJob(context, caller, ServiceOperation.Features, cancellable: true, $"Turning off {feature.Name}",
            job => features.Disable(job, NameForService(feature), feature.Name, discard), owned: null);
    }

    private async Task SaveFeature(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Save) is not Caller caller || await FindFeature(context, RouteId(context)) is not FeatureDefinition feature)
        {
            return;
        }

        if (!feature.Bindings.Any(binding => binding.Kind == BindingKind.Snapshot))
        {
            throw new PersistenceException(ErrorKind.Usage, $"{feature.Name} has no snapshot folder: only folders with the option 'snapshot' are saved on demand.");
        }

        await StartJob(context, caller, ServiceOperation.Save, cancellable: false, $"Saving {feature.Name}",
            job => features.Save(job, feature.Bindings), owned: null);
    }

    private async Task SaveAll(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Save) is Caller caller)
        {
            await StartJob(context, caller, ServiceOperation.Save, cancellable: false, "Saving the snapshot folders",
                job => features.Save(job, bindings: null), owned: null);
        }
    }

    private async Task DeleteFeatureData(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.DeleteData) is not Caller caller || await FindFeature(context, RouteId(context)) is not FeatureDefinition feature)
        {
            return;
        }

        await StartJob(context, caller, ServiceOperation.DeleteData, cancellable: false, $"Deleting the data of {feature.Name}",
            job => features.DeleteData(job, NameForService(feature), feature.Name), owned: null);
    }

    private async Task AddCustomFolder(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.CustomFolders) is not Caller caller)
        {
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        string destination = string.IsNullOrEmpty(body.Destination)
            ? throw new PersistenceException(ErrorKind.Usage, "The request body has no 'destination': the folder to make persistent.")
            : body.Destination;
        bool link = body.Link;
        await StartJob(context, caller, ServiceOperation.CustomFolders, cancellable: false, $"Adding {destination}",
            job => features.AddCustomFolder(job, destination, link), owned: null);
    }

    private async Task RemoveCustomFolder(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.CustomFolders) is not Caller caller)
        {
            return;
        }

        string destination = context.Request.Query["destination"].Count == 1 ? context.Request.Query["destination"][0] ?? string.Empty : string.Empty;
        if (destination.Length == 0)
        {
            throw new PersistenceException(ErrorKind.Usage, "Give the folder with ?destination=PATH.");
        }

        if (await FindFeature(context, destination) is not FeatureDefinition folder)
        {
            return;
        }

        if (!folder.IsCustom)
        {
            await Responses.NotFound(context, $"{destination} is not a custom folder.");
            return;
        }

        // A DELETE has no body: ?discard=true removes the folder without saving its snapshot changes.
        bool discard = context.Request.Query["discard"].Count == 1 && context.Request.Query["discard"][0] == "true";
        await StartJob(context, caller, ServiceOperation.CustomFolders, cancellable: true, $"Turning off {destination}",
            job => features.Disable(job, NameForService(folder), folder.Name, discard), owned: null);
    }

    private async Task ListSoftware(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.AdditionalSoftware) is not null)
        {
            await Responses.Json(context, StatusCodes.Status200OK, SoftwareState(), ServiceJsonContext.Default.AdditionalSoftwareJson);
        }
    }

    // Accept and dismiss are quick changes of two small files, not jobs: the same code as
    // 'live-persist additional-software accept|dismiss', under the same lock.
    private async Task AcceptOffer(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.AdditionalSoftware) is not Caller caller)
        {
            return;
        }

        string package = RouteValue(context, "package");
        RequireUnlocked();
        OfferAnswer answer = Software().Accept([package]);
        log.Info($"{caller} accepted the offers about {string.Join(", ", answer.Offers.Select(offer => $"{offer.Package} ({OfferFile.ActionName(offer.Action)})"))}");
        await Responses.Json(context, StatusCodes.Status200OK, SoftwareState(), ServiceJsonContext.Default.AdditionalSoftwareJson);
    }

    private async Task DismissOffer(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.AdditionalSoftware) is not Caller caller)
        {
            return;
        }

        string package = RouteValue(context, "package");
        RequireUnlocked();
        OfferAnswer answer = Software().Dismiss([package]);
        log.Info($"{caller} dismissed the offers about {string.Join(", ", answer.Offers.Select(offer => offer.Package))}");
        await Responses.Json(context, StatusCodes.Status200OK, SoftwareState(), ServiceJsonContext.Default.AdditionalSoftwareJson);
    }

    private async Task RemovePackage(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.AdditionalSoftware) is not Caller caller)
        {
            return;
        }

        string package = RouteValue(context, "package");
        ListChange change = Software().Remove([package]);
        if (change.Changed.Count == 0)
        {
            await Responses.NotFound(context, $"{package} is not in your additional software.");
            return;
        }

        log.Info($"{caller} removed {string.Join(", ", change.Changed)} from the additional software");
        await Responses.Json(context, StatusCodes.Status200OK, SoftwareState(), ServiceJsonContext.Default.AdditionalSoftwareJson);
    }

    private AdditionalSoftwareService Software() => new(options.Profile, options.Root, null, log);

    /// <summary>The list and the offers; nothing at all when the Persistent Storage is not unlocked (no offer is shown then).</summary>
    private AdditionalSoftwareJson SoftwareState()
    {
        AdditionalSoftwareService software = Software();
        PackageList list;
        AptPersistence apt;
        try
        {
            (list, apt) = software.List();
        }
        catch (PersistenceException exception) when (exception.Kind == ErrorKind.WrongState)
        {
            return AdditionalSoftwareJson.NotUnlocked;
        }

        IReadOnlyList<SoftwareOffer> offers = software.Offers();
        return new AdditionalSoftwareJson(true, list.Packages, apt.IsActive, apt.Problem, offers.Select(SoftwareOfferJson.From).ToArray());
    }

    /// <summary>Offers are answered only while the Persistent Storage is unlocked (the hooks make none otherwise).</summary>
    private void RequireUnlocked()
    {
        if (!SoftwareState().Unlocked)
        {
            throw new PersistenceException(ErrorKind.WrongState, "The Persistent Storage is not unlocked: there is no offer to answer. Unlock it first.");
        }
    }

    private async Task EstimateStrength(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Status) is null)
        {
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        using SecretBuffer passphrase = body.TakePassphrase();
        PassphraseStrengthResult strength = PassphraseStrength.Estimate(passphrase.Span);
        await Responses.Json(context, StatusCodes.Status200OK, new StrengthJson(strength.Score, strength.Feedback), ServiceJsonContext.Default.StrengthJson);
    }

    private async Task GetJob(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Status) is not Caller caller || await FindJob(context, caller) is not ServiceJob job)
        {
            return;
        }

        JobSnapshot snapshot = job.Snapshot;
        if (context.Request.Query.ContainsKey("wait"))
        {
            TimeSpan wait = TimeSpan.FromSeconds(Math.Clamp(QueryNumber(context, "wait") ?? 0, 0, MaximumWait.TotalSeconds));
            long after = (long?)QueryNumber(context, "after") ?? snapshot.Revision;
            try
            {
                snapshot = await job.WaitForChangeAsync(after, wait, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        await Responses.Json(context, StatusCodes.Status200OK, JobJson.From(snapshot), ServiceJsonContext.Default.JobJson);
    }

    private async Task CancelJob(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.Status) is not Caller caller || await FindJob(context, caller) is not ServiceJob job)
        {
            return;
        }

        log.Info($"{caller} asked to cancel job {job.Id}");
        await Responses.Json(context, StatusCodes.Status202Accepted, JobJson.From(job.RequestCancel()), ServiceJsonContext.Default.JobJson);
    }

    private async Task CreateWebSession(HttpContext context)
    {
        if (await Authorize(context, ServiceOperation.WebSession) is not Caller caller)
        {
            return;
        }

        if (!caller.IsSocket)
        {
            await Responses.Refused(context, "Web sessions are handed out on the service's socket only.");
            return;
        }

        using RequestBody body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        WebScreen screen = body.Screen switch
        {
            null => caller.Role == ServiceRole.Greeter ? WebScreen.Unlock : WebScreen.Settings,
            "unlock" => WebScreen.Unlock,
            "settings" => WebScreen.Settings,
            _ => throw new PersistenceException(ErrorKind.Usage, $"'screen' is unlock or settings, not '{body.Screen}'."),
        };
        string token = sessions.IssueToken(caller.Role, caller.Uid, screen);
        log.Info($"{caller} asked for a web link to the {screen.ToString().ToLowerInvariant()} screen");
        WebLinkJson link = new(listener.LinkFor(token), (int)WebSessionStore.TokenLifetime.TotalSeconds);
        await Responses.Json(context, StatusCodes.Status200OK, link, ServiceJsonContext.Default.WebLinkJson);
    }

    /// <summary>The caller, when its role may run <paramref name="operation"/>; else null, the 403 written.</summary>
    private async Task<Caller?> Authorize(HttpContext context, ServiceOperation operation)
    {
        Caller caller = context.Features.Get<Caller>() ?? throw new InvalidOperationException("A request reached the API without a caller.");
        if (policy.Allows(caller.Role, operation))
        {
            return caller;
        }

        log.Info($"refused {context.Request.Method} {context.Request.Path.ToUriComponent()} to {caller}");
        await Responses.Refused(context, $"This user may not {Describe(operation)}.");
        return null;
    }

    private async Task StartJob(
        HttpContext context,
        Caller caller,
        ServiceOperation operation,
        bool cancellable,
        string status,
        Func<ServiceJob, object?> work,
        IDisposable? owned)
    {
        bool started;
        ServiceJob? job;
        string? busy;
        try
        {
            started = runner.TryStart(operation, caller, cancellable, status, work, owned, out job, out busy);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }

        if (!started)
        {
            owned?.Dispose();
            await Responses.Error(context, StatusCodes.Status409Conflict, ErrorKind.Busy, busy!);
            return;
        }

        await Responses.Json(context, StatusCodes.Status202Accepted, JobJson.From(job!.Snapshot), ServiceJsonContext.Default.JobJson);
    }

    /// <summary>The feature a request names (id, alias, or a custom folder's path); else null, the 404 written.</summary>
    private async Task<FeatureDefinition?> FindFeature(HttpContext context, string name)
    {
        IReadOnlyList<FeatureState> states = features.List();
        ConfiguredFeature? feature = FeatureResolver.Find(states.Select(state => state.Feature).ToArray(), name);
        if (feature is null)
        {
            await Responses.NotFound(context, $"There is no feature '{name}'.");
            return null;
        }

        return feature.Definition;
    }

    private async Task<ServiceJob?> FindJob(HttpContext context, Caller caller)
    {
        ServiceJob? job = int.TryParse(RouteId(context), NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? runner.Book.Find(id) : null;
        if (job is null)
        {
            await Responses.NotFound(context, $"There is no job {RouteId(context)} (the service keeps the last {JobBook.Kept}).");
            return null;
        }

        if (!AccessPolicy.MayFollowJob(caller.Role, caller.Uid, job.Snapshot.OwnerUid))
        {
            await Responses.Refused(context, "This job was started by another user.");
            return null;
        }

        return job;
    }

    // Custom folders are named by their path: their CustomFeatureN ids move when lines are added.
    private static string NameForService(FeatureDefinition feature) => feature.IsCustom ? feature.Bindings[0].Destination : feature.Id;

    private static string RouteId(HttpContext context) => RouteValue(context, "id");

    private static string RouteValue(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? string.Empty;

    private static double? QueryNumber(HttpContext context, string name) =>
        context.Request.Query[name].Count == 1 && double.TryParse(context.Request.Query[name][0], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : null;

    private static string Describe(ServiceOperation operation) => operation switch
    {
        ServiceOperation.Status => "use the Persistent Storage service",
        ServiceOperation.Unlock => "unlock the Persistent Storage",
        ServiceOperation.Upgrade => "upgrade the encryption of the Persistent Storage",
        ServiceOperation.Lock => "lock the Persistent Storage",
        ServiceOperation.Create => "create a Persistent Storage",
        ServiceOperation.Delete => "delete the Persistent Storage",
        ServiceOperation.ChangePassphrase => "change the passphrase of the Persistent Storage",
        ServiceOperation.Repair => "repair the Persistent Storage",
        ServiceOperation.Backup => "back up the Persistent Storage",
        ServiceOperation.Features => "turn features on or off",
        ServiceOperation.DeleteData => "delete the data of a feature",
        ServiceOperation.CustomFolders => "add or remove custom folders",
        ServiceOperation.AdditionalSoftware => "change the additional software",
        ServiceOperation.Save => "save the snapshot folders",
        _ => "open the Persistent Storage app",
    };

    /// <summary>Both passphrases of a change, disposed together.</summary>
    private sealed class Secrets(SecretBuffer first, SecretBuffer second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
