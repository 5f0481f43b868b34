using System.Text.Json.Nodes;
using ArcActors.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArcActors.Arm;

/// <summary>Writes JSON bodies and ARM error responses.</summary>
internal static class ArmResponses
{
    public static Task WriteJsonAsync(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers["x-ms-request-id"] = context.TraceIdentifier;
        return context.Response.WriteAsync(ArmJson.ToCompact(body), ArmJson.Utf8);
    }

    /// <summary>Logs one line with the method, path, status and code of a rejected request, then writes the error.</summary>
    public static Task RejectAsync(HttpContext context, ArmError error, ILogger logger)
    {
        logger.LogInformation("ARM API: {Method} {Path} rejected with {Status} {Code}", context.Request.Method, context.Request.Path.Value, error.Status, error.Code);
        return WriteErrorAsync(context, error);
    }

    public static Task WriteErrorAsync(HttpContext context, ArmError error)
    {
        context.Response.Headers["x-ms-error-code"] = error.Code;
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message },
        };
        return WriteJsonAsync(context, body, error.Status);
    }
}
