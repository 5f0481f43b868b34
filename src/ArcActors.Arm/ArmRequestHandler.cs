using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArcActors.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ArcActors.Arm;

/// <summary>Serves one GET request from the read store.</summary>
internal sealed partial class ArmRequestHandler(ReadStore store, ArmApiOptions options, ILogger logger)
{
    private const string ApiVersionKey = "api-version";

    public async Task HandleAsync(HttpContext context)
    {
        var rawPath = RawPath(context);
        try
        {
            await HandleCoreAsync(context, rawPath);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            logger.LogError(exception, "ARM API: GET {Path} failed", rawPath);
            await ArmResponses.WriteErrorAsync(context, new ArmError(500, "InternalServerError", "The server failed to read the resource; see the server log."));
        }
    }

    private async Task HandleCoreAsync(HttpContext context, string rawPath)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await WriteErrorAsync(context, rawPath, ArmError.MethodNotAllowed(context.Request.Method));
            return;
        }

        var request = ArmRequestParser.Parse(rawPath);
        var apiVersion = context.Request.Query[ApiVersionKey].FirstOrDefault();
        var error = request switch
        {
            ArmRequest.Invalid invalid => invalid.Error,
            ArmRequest.Resource resource => ArmApiVersions.Check(apiVersion, $"resource type '{resource.Type.FullType}'", resource.Type.ApiVersions),
            ArmRequest.Collection collection => ArmApiVersions.Check(apiVersion, $"resource type '{collection.Type.FullType}'", collection.Type.ApiVersions),
            ArmRequest.Provider provider => ArmApiVersions.Check(apiVersion, $"provider '{provider.Namespace}'", ArmApiVersions.ResourceManager),
            _ => ArmApiVersions.Check(apiVersion, "resource lists", ArmApiVersions.ResourceManager),
        };
        if (error is not null)
        {
            await WriteErrorAsync(context, rawPath, error);
            return;
        }

        switch (request)
        {
            case ArmRequest.Provider provider:
                await ArmResponses.WriteJsonAsync(context, ProviderDocuments.Build(provider.SubscriptionId, provider.Namespace, options.Locations));
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
        }
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

    private static string NextLink(HttpContext context, string rawPath, string apiVersion, int pageSize, string lastId)
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new(ApiVersionKey, apiVersion),
            new("$top", pageSize.ToString(CultureInfo.InvariantCulture)),
            new("$skipToken", lastId),
        };
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
