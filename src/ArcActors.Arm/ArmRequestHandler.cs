using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArcActors.Arm.ActivityLog;
using ArcActors.Arm.Auth;
using ArcActors.Arm.Jobs;
using ArcActors.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ArcActors.Arm;

/// <summary>
/// Serves one request: checks it, authorizes it, serves reads from the read store, hands relay job routes to
/// <see cref="ArmJobHandler"/> and other writes to <see cref="ArmWriteHandler"/>.
/// </summary>
internal sealed partial class ArmRequestHandler(ReadStore store, ArmApiOptions options, ArmWriteHandler writes, ArmJobHandler jobs, ILogger logger)
{
    private const string ApiVersionKey = "api-version";

    private readonly Extensions.ArmExtensionHandler _extensions = new(store, options, logger);

    public async Task HandleAsync(HttpContext context)
    {
        var rawPath = RawPath(context);
        try
        {
            await HandleCoreAsync(context, rawPath);
        }
        catch (Exception exception) when (!context.Response.HasStarted && ReadStoreFailure.IsStoreFailure(exception))
        {
            // One line without the stack trace: during an outage every request fails the same way.
            logger.LogError("ARM API: {Method} {Path} failed with 503 because the read store is unavailable: {Error}",
                context.Request.Method, rawPath, ReadStoreFailure.Describe(exception));
            context.Response.Headers.RetryAfter = ReadStoreFailure.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ArmResponses.WriteErrorAsync(context, ArmError.ReadStoreUnavailable(ReadStoreFailure.RetryAfterSeconds));
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            logger.LogError(exception, "ARM API: {Method} {Path} failed", context.Request.Method, rawPath);
            await ArmResponses.WriteErrorAsync(context, new ArmError(500, "InternalServerError", "The server failed to read the resource; see the server log."));
        }
    }

    private async Task HandleCoreAsync(HttpContext context, string rawPath)
    {
        var method = context.Request.Method;

        // ARM authenticates before it routes, so a request without a valid token learns nothing about the API's paths.
        if (options.Authorizer?.Authorize(AuthorizationHeader(context), ArmActions.ProviderRead, "/") is { Status: 401 } unauthenticated)
        {
            context.Response.Headers.WWWAuthenticate = unauthenticated.WwwAuthenticate;
            await WriteErrorAsync(context, rawPath, new ArmError(401, unauthenticated.ErrorCode!, unauthenticated.Message!));
            return;
        }

        var request = ArmRequestParser.Parse(rawPath);
        if (request is ArmRequest.Invalid invalid)
        {
            await WriteErrorAsync(context, rawPath, invalid.Error);
            return;
        }

        if (!ArmRequestRules.Allows(request, method))
        {
            await WriteErrorAsync(context, rawPath, ArmError.MethodNotAllowed(method, rawPath, ArmRequestRules.AllowedMethods(request)));
            return;
        }

        var caller = await AuthorizeAsync(context, request, method);
        if (caller is null)
        {
            return;
        }

        var apiVersion = context.Request.Query[ApiVersionKey].FirstOrDefault();
        var versionError = ArmRequestRules.CheckApiVersion(request, apiVersion);
        if (versionError is not null)
        {
            await WriteErrorAsync(context, rawPath, versionError);
            return;
        }

        if (request is ArmRequest.InstanceAction or ArmRequest.LatestAssessment)
        {
            await jobs.HandleAsync(context, request, caller);
            return;
        }

        if (request is ArmRequest.MachineExtension or ArmRequest.MachineAction)
        {
            await _extensions.HandleAsync(context, request, caller);
            return;
        }

        if (!HttpMethods.IsGet(method))
        {
            await writes.HandleAsync(context, request, caller);
            return;
        }

        switch (request)
        {
            case ArmRequest.Provider provider:
                await writes.WriteProviderAsync(context, provider.SubscriptionId, provider.Namespace);
                break;
            case ArmRequest.Resource resource:
                await WriteResourceAsync(context, resource);
                break;
            case ArmRequest.Collection collection:
                await WritePageAsync(context, rawPath, apiVersion!, collection.IdPrefix, collection.Type.FullType);
                break;
            case ArmRequest.GenericCollection generic:
                await WriteGenericPageAsync(context, rawPath, apiVersion!, generic);
                break;
            case ArmRequest.ActivityLog log:
                await WriteActivityLogAsync(context, rawPath, apiVersion!, log);
                break;
        }
    }

    // Returns the caller's principal name, or null after writing the 401 or 403. Without an authorizer every caller is anonymous.
    private async Task<string?> AuthorizeAsync(HttpContext context, ArmRequest request, string method)
    {
        if (options.Authorizer is null)
        {
            return "anonymous";
        }

        var (action, target) = ArmRequestRules.Permission(request, method);
        var result = options.Authorizer.Authorize(AuthorizationHeader(context), action, target);
        if (result.Succeeded)
        {
            return result.Principal!;
        }

        if (result.WwwAuthenticate is not null)
        {
            context.Response.Headers.WWWAuthenticate = result.WwwAuthenticate;
        }

        await WriteErrorAsync(context, target, new ArmError(result.Status, result.ErrorCode!, result.Message!));
        return null;
    }

    /// <summary>Returns the Authorization header, or null without one. Several headers join into one value, which the authorizer rejects as malformed.</summary>
    internal static string? AuthorizationHeader(HttpContext context)
    {
        var values = context.Request.Headers.Authorization;
        return values.Count == 0 ? null : values.ToString();
    }

    private async Task WriteActivityLogAsync(HttpContext context, string rawPath, string apiVersion, ArmRequest.ActivityLog log)
    {
        var filter = context.Request.Query["$filter"].FirstOrDefault();
        var (status, body) = ActivityLogEndpoint.Handle(store, log.SubscriptionId, filter, context.Request.Query["$skipToken"].FirstOrDefault(),
            options.DefaultPageSize, skipToken => NextLink(context, rawPath, apiVersion, options.DefaultPageSize, skipToken, includeTop: false),
            options.Clock);
        await ArmResponses.WriteJsonAsync(context, body, status);
    }

    private async Task WriteResourceAsync(HttpContext context, ArmRequest.Resource request)
    {
        var resource = store.GetResource(request.Id);
        var storedType = resource?["type"]?.GetValue<string>();
        if (resource is null || !string.Equals(storedType, request.Type.FullType, StringComparison.OrdinalIgnoreCase))
        {
            await WriteErrorAsync(context, request.Id, ArmError.ResourceNotFound(request.Id, request.Type.FullType));
            return;
        }

        await ArmResponses.WriteJsonAsync(context, resource);
    }

    private async Task WriteGenericPageAsync(HttpContext context, string rawPath, string apiVersion, ArmRequest.GenericCollection request)
    {
        var filter = context.Request.Query["$filter"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(filter))
        {
            await WritePageAsync(context, rawPath, apiVersion, request.IdPrefix, null);
            return;
        }

        var match = ResourceTypeFilter().Match(filter);
        if (!match.Success)
        {
            await WriteErrorAsync(context, rawPath, ArmError.InvalidFilter(filter));
            return;
        }

        await WritePageAsync(context, rawPath, apiVersion, request.IdPrefix, match.Groups["type"].Value);
    }

    private async Task WritePageAsync(HttpContext context, string rawPath, string apiVersion, string idPrefix, string? fullType)
    {
        var topValue = context.Request.Query["$top"].FirstOrDefault();
        var pageSize = options.DefaultPageSize;
        if (topValue is not null)
        {
            if (!int.TryParse(topValue, NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top < 1)
            {
                await WriteErrorAsync(context, rawPath, ArmError.InvalidTop(topValue, options.MaxPageSize));
                return;
            }

            pageSize = Math.Min(top, options.MaxPageSize);
        }

        var afterId = context.Request.Query["$skipToken"].FirstOrDefault();

        // Reading one row more than the page shows whether a next page exists, so the last page carries no nextLink.
        var rows = store.ListPage(idPrefix, fullType, afterId, pageSize + 1);
        var page = rows.Take(pageSize).ToList();
        var body = new JsonObject { ["value"] = new JsonArray(page.Select(row => (JsonNode?)row).ToArray()) };
        if (rows.Count > pageSize)
        {
            var lastId = page[^1]["id"]!.GetValue<string>();
            body["nextLink"] = NextLink(context, rawPath, apiVersion, pageSize, lastId);
        }

        await ArmResponses.WriteJsonAsync(context, body);
    }

    private Task WriteErrorAsync(HttpContext context, string target, ArmError error)
    {
        logger.LogDebug("ARM API: {Method} {Target} rejected with {Status} {Code}", context.Request.Method, target, error.Status, error.Code);
        return ArmResponses.WriteErrorAsync(context, error);
    }

    private static string NextLink(HttpContext context, string rawPath, string apiVersion, int pageSize, string lastId, bool includeTop = true)
    {
        var query = new List<KeyValuePair<string, string?>> { new(ApiVersionKey, apiVersion) };
        if (includeTop)
        {
            query.Add(new("$top", pageSize.ToString(CultureInfo.InvariantCulture)));
        }

        query.Add(new("$skipToken", lastId));
        var filter = context.Request.Query["$filter"].FirstOrDefault();
        if (filter is not null)
        {
            query.Add(new("$filter", filter));
        }

        return $"https://{context.Request.Host}{rawPath}{QueryString.Create(query)}";
    }

    // The request target as the client sent it, before Kestrel removes dot segments.
    private static string RawPath(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?');
        return queryStart < 0 ? rawTarget : rawTarget[..queryStart];
    }

    [GeneratedRegex(@"^\s*resourceType\s+eq\s+'(?<type>[^']+)'\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResourceTypeFilter();
}
