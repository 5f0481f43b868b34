using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Subscriptions;
using ArcActors.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArcActors.Arm;

/// <summary>
/// Serves provider documents and every write: provider registration, PATCH of an instance, and PUT,
/// PATCH and DELETE of a license. Writes go through <see cref="IArmCommands"/> to the owning entity.
/// </summary>
internal sealed class ArmWriteHandler(ReadStore store, ArmApiOptions options, ILogger logger)
{
    /// <summary>Largest request body read, in bytes. ARM bodies of these resources are well under 4 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context, ArmRequest request, string caller)
    {
        if (options.Commands is not { } commands)
        {
            await ArmResponses.WriteErrorAsync(context, ArmError.ReadOnlyApi(context.Request.Method));
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
        }
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
            await ArmResponses.WriteErrorAsync(context, bodyError!);
            return;
        }

        var current = store.GetResource(request.Id);
        var instance = current is null ? null : store.FindInstance(request.Id);
        if (current is null || instance is null)
        {
            await ArmResponses.WriteErrorAsync(context, ArmError.ResourceNotFound(request.Id, request.Type.FullType));
            return;
        }

        var registrationError = await CheckRegisteredAsync(commands, request.Id, context.RequestAborted);
        var (patch, error) = registrationError is null
            ? InstancePatchReader.Read(body, current, instance.Value.VmId, instance.Value.InstanceName, caller)
            : (null, registrationError);
        if (patch is null)
        {
            await ArmResponses.WriteErrorAsync(context, error!);
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
            await ArmResponses.WriteErrorAsync(context, registrationError);
            return;
        }

        if (HttpMethods.IsDelete(context.Request.Method))
        {
            await WriteResultAsync(context, await commands.DeleteLicenseAsync(request.Id, caller, context.RequestAborted), request.Id);
            return;
        }

        var (body, bodyError) = await ReadBodyAsync(context);
        if (body is null)
        {
            await ArmResponses.WriteErrorAsync(context, bodyError!);
            return;
        }

        var segments = request.Id.Split('/');
        var write = new LicenseWrite(request.Id, segments[2], segments[4], segments[^1], HttpMethods.IsPut(context.Request.Method), body, caller);
        await WriteResultAsync(context, await commands.WriteLicenseAsync(write, context.RequestAborted), request.Id);
    }

    // ARM refuses writes to a provider the subscription has not registered.
    private static async Task<ArmError?> CheckRegisteredAsync(IArmCommands commands, string resourceId, CancellationToken cancel)
    {
        var subscription = resourceId.Split('/')[2];
        var registrations = await commands.GetProviderRegistrationsAsync(subscription, cancel);
        return registrations.IsRegistered(Providers.ArcData) ? null : ArmError.SubscriptionNotRegistered(subscription, Providers.ArcData);
    }

    private async Task WriteResultAsync(HttpContext context, ArmWriteResult result, string resourceId)
    {
        if (!result.Succeeded)
        {
            await ArmResponses.WriteErrorAsync(context, new ArmError(result.Status, result.ErrorCode, result.ErrorMessage));
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

    private static async Task<(JsonObject? Body, ArmError? Error)> ReadBodyAsync(HttpContext context)
    {
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

        try
        {
            return JsonNode.Parse(buffer.ToArray()) is JsonObject body
                ? (body, null)
                : (null, ArmError.InvalidRequestContent("The request body must be a JSON object such as {\"properties\": {...}}."));
        }
        catch (JsonException exception)
        {
            return (null, ArmError.InvalidRequestContent(
                $"The request body is not valid JSON ({exception.Message}). Send a JSON object with Content-Type: application/json."));
        }
    }
}
