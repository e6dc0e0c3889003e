using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LivePersist.Core;
using LivePersist.Daemon.Json;
using Microsoft.AspNetCore.Http;

namespace LivePersist.Daemon.Api;

/// <summary>Writes the API's answers: JSON values, and every refusal and failure in the one error shape.</summary>
internal static class Responses
{
    public static async Task Json<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task Error(HttpContext context, int statusCode, ErrorKind kind, string message) =>
        Json(context, statusCode, new ErrorReport(ErrorDetail.From(kind, message)), ServiceJsonContext.Default.ErrorReport);

    /// <summary>An expected failure of a request (not of a job): its kind decides the HTTP status.</summary>
    public static Task Error(HttpContext context, PersistenceException exception) =>
        Json(context, StatusFor(exception.Kind), ErrorReport.From(exception), ServiceJsonContext.Default.ErrorReport);

    public static Task Refused(HttpContext context, string message) =>
        Error(context, StatusCodes.Status403Forbidden, ErrorKind.PermissionDenied, message);

    public static Task NotFound(HttpContext context, string message) =>
        Error(context, StatusCodes.Status404NotFound, ErrorKind.Usage, message);

    /// <summary>400 malformed, 403 refused, 409 busy or wrong state, 500 anything else (docs/service.md, "The API").</summary>
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Usage => StatusCodes.Status400BadRequest,
        ErrorKind.PermissionDenied => StatusCodes.Status403Forbidden,
        ErrorKind.Busy or ErrorKind.WrongState => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };
}
