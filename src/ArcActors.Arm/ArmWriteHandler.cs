using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Subscriptions;
using ArcActors.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArcActors.Arm;

/// <summary>
/// Serves provider documents and every write: provider registration, PATCH of an instance or a database, and PUT,
/// PATCH and DELETE of a license. Writes go through <see cref="IArmCommands"/> to the owning entity.
/// </summary>
internal sealed partial class ArmWriteHandler(ReadStore store, ArmApiOptions options, ILogger logger)
{
    /// <summary>Largest request body read, in bytes. ARM bodies of these resources are well under 4 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context, ArmRequest request, string caller)
    {
        if (options.Commands is not { } commands)
        {
            await RejectAsync(context, ArmError.ReadOnlyApi(context.Request.Method));
            return;
        }

        var cancel = context.RequestAborted;
        switch (request)
        {
            case ArmRequest.ProviderAction action:
                var state = await commands.SetProviderRegistrationAsync(action.SubscriptionId, action.Namespace, action.Register, caller, cancel);
                logger.LogInformation("ARM API: {Caller} {Verb} {Namespace} for subscription {Subscription}", caller,
                    action.Register ? "registered" : "unregistered", action.Namespace, action.SubscriptionId);
                await ArmResponses.WriteJsonAsync(context, ProviderDocuments.Build(action.SubscriptionId, action.Namespace, options.Locations,
                    state.IsRegistered(action.Namespace)));
                break;
            case ArmRequest.Resource resource when resource.Type == ArmResourceTypes.Instance:
                await PatchInstanceAsync(context, commands, resource, caller);
                break;
            case ArmRequest.Resource resource when resource.Type == ArmResourceTypes.License:
                await WriteLicenseAsync(context, commands, resource, caller);
                break;
            case ArmRequest.Resource resource when resource.Type == ArmResourceTypes.Database:
                await PatchDatabaseAsync(context, commands, resource, caller);
                break;
        }
    }

    // Every rejected write is logged once with its target and code; the message itself may echo the caller's input.
    private Task RejectAsync(HttpContext context, ArmError error)
    {
        logger.LogInformation("ARM API: {Method} {Path} rejected with {Status} {Code}", context.Request.Method, context.Request.Path.Value, error.Status, error.Code);
        return ArmResponses.WriteErrorAsync(context, error);
    }

    public async Task WriteProviderAsync(HttpContext context, string subscriptionId, string providerNamespace)
    {
        // NOTE: an API started without commands cannot read registrations and shows every provider as Registered.
        var registered = options.Commands is null
            || (await options.Commands.GetProviderRegistrationsAsync(subscriptionId, context.RequestAborted)).IsRegistered(providerNamespace);
        await ArmResponses.WriteJsonAsync(context, ProviderDocuments.Build(subscriptionId, providerNamespace, options.Locations, registered));
    }

    private async Task PatchInstanceAsync(HttpContext context, IArmCommands commands, ArmRequest.Resource request, string caller)
    {
        var (body, bodyError) = await ReadBodyAsync(context);
        if (body is null)
        {
            await RejectAsync(context, bodyError!);
            return;
        }

        var current = store.GetResource(request.Id);
        var instance = current is null ? null : store.FindInstance(request.Id);
        if (current is null || instance is null)
        {
            await RejectAsync(context, ArmError.ResourceNotFound(request.Id, request.Type.FullType));
            return;
        }

        var registrationError = await CheckRegisteredAsync(commands, request.Id, context.RequestAborted);
        var (patch, error) = registrationError is null
            ? InstancePatchReader.Read(body, current, instance.Value.VmId, instance.Value.InstanceName, caller)
            : (null, registrationError);
        if (patch is null)
        {
            await RejectAsync(context, error!);
            return;
        }

        var result = await commands.PatchInstanceAsync(patch, context.RequestAborted);
        if (result is { Succeeded: true, Resource: { } settings })
        {
            // The read store shows the change after its projection ran, so the reply merges the entity's settings into what it holds.
            var properties = current["properties"]!.AsObject();
            foreach (var (name, value) in settings.ToList())
            {
                properties[name] = value?.DeepClone();
            }

            result = result with { Resource = current };
        }

        await WriteResultAsync(context, result, request.Id);
    }

    private async Task WriteLicenseAsync(HttpContext context, IArmCommands commands, ArmRequest.Resource request, string caller)
    {
        var registrationError = await CheckRegisteredAsync(commands, request.Id, context.RequestAborted);
        if (registrationError is not null)
        {
            await RejectAsync(context, registrationError);
            return;
        }

        if (HttpMethods.IsDelete(context.Request.Method))
        {
            await WriteResultAsync(context, await commands.DeleteLicenseAsync(request.Id, caller, context.RequestAborted), request.Id);
            return;
        }

        var (body, bodyError) = await ReadBodyAsync(context);
        var segments = request.Id.Split('/');
        var error = bodyError ?? LicenseNameError(segments[^1]) ?? LocationError(body!) ?? ScopeError(context, body!, segments[2]);
        if (error is not null)
        {
            await RejectAsync(context, error);
            return;
        }

        var write = new LicenseWrite(request.Id, segments[2], segments[4], segments[^1], HttpMethods.IsPut(context.Request.Method), body!, caller);
        await WriteResultAsync(context, await commands.WriteLicenseAsync(write, context.RequestAborted), request.Id);
    }

    /// <summary>License names: 1 to 64 letters, digits, '-', '_' and '.', starting with a letter or digit and not ending with '.'.</summary>
    private static ArmError? LicenseNameError(string name) =>
        LicenseName().IsMatch(name)
            ? null
            : new ArmError(400, "InvalidResourceName",
                $"The license name '{Shorten(ArcActors.Contracts.NameRules.Escape(name))}' is invalid. Use 1 to 64 letters, digits, '-', '_' and '.', "
                + "starting with a letter or digit and not ending with '.'.");

    private ArmError? LocationError(JsonObject body)
    {
        var location = body["location"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (location is null || options.Locations.Count == 0 || options.Locations.Contains(location, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ArmError(400, "LocationNotAvailableForResourceType",
            $"The location '{Shorten(location)}' is not available for sqlServerLicenses. Use one of: {string.Join(", ", options.Locations)}.");
    }

    // A license whose scopeType reaches beyond its resource group covers other groups' machines, so it needs a
    // write permission at subscription scope, not only at the license's group.
    private ArmError? ScopeError(HttpContext context, JsonObject body, string subscriptionId)
    {
        var scopeType = body["properties"]?["scopeType"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (options.Authorizer is null || scopeType is null || string.Equals(scopeType, "ResourceGroup", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var result = options.Authorizer.Authorize(ArmRequestHandler.AuthorizationHeader(context),
            Auth.ArmActions.For(HttpMethods.Put, Providers.ArcData, "sqlServerLicenses"), $"/subscriptions/{subscriptionId}");
        return result.Succeeded
            ? null
            : new ArmError(403, "AuthorizationFailed",
                $"A license with scopeType '{Shorten(scopeType)}' covers machines in every resource group, so it needs write permission on sqlServerLicenses "
                + $"at scope '/subscriptions/{subscriptionId}'. {result.Message}");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_-])?$")]
    private static partial System.Text.RegularExpressions.Regex LicenseName();

    // ARM refuses writes to a provider the subscription has not registered.
    internal static async Task<ArmError?> CheckRegisteredAsync(IArmCommands commands, string resourceId, CancellationToken cancel)
    {
        var subscription = resourceId.Split('/')[2];
        var registrations = await commands.GetProviderRegistrationsAsync(subscription, cancel);
        return registrations.IsRegistered(Providers.ArcData) ? null : ArmError.SubscriptionNotRegistered(subscription, Providers.ArcData);
    }

    private async Task WriteResultAsync(HttpContext context, ArmWriteResult result, string resourceId)
    {
        if (!result.Succeeded)
        {
            await RejectAsync(context, new ArmError(result.Status, result.ErrorCode, result.ErrorMessage));
            return;
        }

        logger.LogInformation("ARM API: {Method} {ResourceId} returned {Status}", context.Request.Method, resourceId, result.Status);
        if (result.Resource is null)
        {
            context.Response.StatusCode = result.Status;
            context.Response.Headers["x-ms-request-id"] = context.TraceIdentifier;
            return;
        }

        await ArmResponses.WriteJsonAsync(context, result.Resource, result.Status);
    }

    /// <summary>
    /// Reads the request body as one JSON object. With <paramref name="allowEmpty"/> an empty body, with or
    /// without a content type, reads as an empty object, as POST actions whose body is optional need.
    /// </summary>
    internal static async Task<(JsonObject? Body, ArmError? Error)> ReadBodyAsync(HttpContext context, bool allowEmpty = false)
    {
        var emptyAllowed = allowEmpty && context.Request.ContentLength is null or 0;
        if (!emptyAllowed && !IsJsonContentType(context.Request.ContentType))
        {
            return (null, UnsupportedMediaType(context));
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, ArmError.RequestTooLarge(MaxBodyBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, ArmError.RequestTooLarge(MaxBodyBytes));
            }
        }

        if (emptyAllowed && buffer.Length == 0)
        {
            return (new JsonObject(), null);
        }

        if (!IsJsonContentType(context.Request.ContentType))
        {
            return (null, UnsupportedMediaType(context));
        }

        return buffer.Length == 0
            ? (null, ArmError.InvalidRequestContent("The request body is empty. Send a JSON object such as {\"properties\": {...}}."))
            : ParseObject(buffer.ToArray());
    }

    private static (JsonObject? Body, ArmError? Error) ParseObject(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ArmError.InvalidRequestContent("The request body must be a JSON object such as {\"properties\": {...}}."));
            }

            return (JsonObject.Create(document.RootElement.Clone()), null);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" at line {line + 1}, position {exception.BytePositionInLine + 1}" : "";
            var duplicate = exception.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ? ": a property appears twice in one object" : "";
            return (null, ArmError.InvalidRequestContent(
                $"The request body is not valid JSON{where}{duplicate}. Send one JSON object with each property once, and 'Content-Type: application/json'."));
        }
    }

    private static ArmError UnsupportedMediaType(HttpContext context) =>
        new(415, "UnsupportedMediaType",
            $"The content type '{Shorten(context.Request.ContentType ?? "")}' is not supported. Send the body as JSON with 'Content-Type: application/json'.");

    // ARM clients send application/json, sometimes with a UTF-8 charset; any other type or charset is refused.
    private static bool IsJsonContentType(string? contentType)
    {
        if (contentType is null || !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        return string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            && (media.CharSet is null || string.Equals(media.CharSet, "utf-8", StringComparison.OrdinalIgnoreCase));
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : $"{text[..64]}…";
}
