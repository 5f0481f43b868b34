using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Arm.Jobs;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Contracts.Subscriptions;
using ArcActors.Host.Deployment;
using ArcActors.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArcActors.Arm.Extensions;

/// <summary>
/// Serves the SQL Server extension of a machine and the machine's job actions. GET returns the settings of the
/// host's last inventory. PUT, PATCH and DELETE check the request against the read store and queue a Deploy job
/// (Update or Uninstall) on the host's relay queue; installUpdate queues an InstallUpdate job. getJobsStatus lists
/// the jobs on the whole host, which the read store files under the machine's resource id.
/// </summary>
internal sealed class ArmExtensionHandler(ReadStore store, ArmApiOptions options, ILogger logger)
{
    /// <summary>How long a Deploy job may take from when it is queued; the host gives the deployer 30 minutes per operation.</summary>
    public static readonly TimeSpan DeployTimeout = TimeSpan.FromHours(1);

    /// <summary>How long an InstallUpdate job may take from when it is queued: the next window opens within a week, and the job waits for it.</summary>
    public static readonly TimeSpan InstallUpdateTimeout = TimeSpan.FromDays(8);

    public async Task HandleAsync(HttpContext context, ArmRequest request, string caller)
    {
        switch (request)
        {
            case ArmRequest.MachineAction { Action: MachineRoutes.GetJobsStatus } status:
                await WriteJobsStatusAsync(context, status.MachineId);
                break;
            case ArmRequest.MachineExtension extension when HttpMethods.IsGet(context.Request.Method):
                await WriteExtensionAsync(context, extension);
                break;
            case ArmRequest.MachineExtension or ArmRequest.MachineAction when options.Commands is null:
                await RejectAsync(context, ArmError.ReadOnlyApi(context.Request.Method));
                break;
            case ArmRequest.MachineExtension extension when HttpMethods.IsDelete(context.Request.Method):
                await UninstallAsync(context, options.Commands!, extension, caller);
                break;
            case ArmRequest.MachineExtension extension:
                await UpdateSettingsAsync(context, options.Commands!, extension, caller, replace: HttpMethods.IsPut(context.Request.Method));
                break;
            case ArmRequest.MachineAction action:
                await InstallUpdateAsync(context, options.Commands!, action, caller);
                break;
        }
    }

    private async Task WriteExtensionAsync(HttpContext context, ArmRequest.MachineExtension request)
    {
        var (found, error) = FindExtension(request);
        if (found is not { } machine)
        {
            await RejectAsync(context, error!);
            return;
        }

        // The newest Deploy job decides the provisioning state, and an uninstall that succeeded removes the extension.
        var latest = store.ListJobs(request.MachineId, JobKinds.Deploy, limit: 1).FirstOrDefault();
        if (ExtensionJson.IsUninstalled(latest))
        {
            await RejectAsync(context, new ArmError(404, "ResourceNotFound",
                $"The extension '{request.ExtensionName}' of machine '{request.MachineId}' was uninstalled by job {latest!.JobId} at {latest.EndedAt:O}; "
                + "PUT the extension to install it again."));
            return;
        }

        var resource = ExtensionJson.Resource(request.MachineId, request.ExtensionName, machine.Resource, machine.Snapshot, ExtensionJson.ProvisioningState(latest));
        await ArmResponses.WriteJsonAsync(context, resource);
    }

    private async Task UpdateSettingsAsync(HttpContext context, IArmCommands commands, ArmRequest.MachineExtension request, string caller, bool replace)
    {
        var (body, bodyError) = await ArmWriteHandler.ReadBodyAsync(context);
        if (body is null)
        {
            await RejectAsync(context, bodyError!);
            return;
        }

        var (found, notFound) = FindExtension(request);
        if (found is not { } machine)
        {
            await RejectAsync(context, notFound!);
            return;
        }

        // A PUT replaces every setting, so it starts from the defaults. A PATCH starts from the settings in force, which are
        // those of a Deploy job that succeeded after the last inventory, else the inventory's.
        var current = store.FindDeployedExtensionSettings(request.MachineId, machine.Snapshot.VmId) ?? machine.Snapshot.Extension;
        var (proposed, readError) = ExtensionSettingsReader.Read(body, replace ? new ExtensionSettings() : current, mergeFeatureFlags: !replace);
        if (proposed is null)
        {
            await RejectAsync(context, readError!);
            return;
        }

        if (ExtensionSettingsValidator.Validate(proposed, current) is { } invalid)
        {
            await RejectAsync(context, new ArmError(400, invalid.Code, invalid.Message));
            return;
        }

        var parameters = new Dictionary<string, string>
        {
            ["operation"] = nameof(DeployerOperation.Update),
            ["settings"] = JsonSerializer.Serialize(proposed),
        };
        await EnqueueDeployAsync(context, commands, request, machine.Snapshot, parameters, caller);
    }

    private async Task UninstallAsync(HttpContext context, IArmCommands commands, ArmRequest.MachineExtension request, string caller)
    {
        var (found, notFound) = FindExtension(request);
        if (found is not { } machine)
        {
            await RejectAsync(context, notFound!);
            return;
        }

        var parameters = new Dictionary<string, string> { ["operation"] = nameof(DeployerOperation.Uninstall) };
        await EnqueueDeployAsync(context, commands, request, machine.Snapshot, parameters, caller);
    }

    private async Task EnqueueDeployAsync(HttpContext context, IArmCommands commands, ArmRequest.MachineExtension request, MachineSnapshot machine,
        Dictionary<string, string> parameters, string caller)
    {
        // The host's deployer also rejects a second operation, and this check returns the same error before anything is queued.
        var refusal = await CheckRegisteredAsync(commands, request.MachineId, context.RequestAborted) ?? OperationInProgress(request.MachineId);
        if (refusal is not null)
        {
            await RejectAsync(context, refusal);
            return;
        }

        var command = new JobCommand(Guid.NewGuid(), machine.VmId, JobKinds.Deploy, "", parameters, Now(), DeployTimeout, caller);
        await EnqueueAsync(context, commands, command, request.MachineId);
    }

    private async Task InstallUpdateAsync(HttpContext context, IArmCommands commands, ArmRequest.MachineAction action, string caller)
    {
        var (body, bodyError) = await ArmWriteHandler.ReadBodyAsync(context);
        var (parameters, error) = body is null ? (null, bodyError) : InstallUpdateRequestReader.Read(body);
        if (parameters is null)
        {
            await RejectAsync(context, error!);
            return;
        }

        if (FindMachine(action.MachineId) is not { } machine)
        {
            await RejectAsync(context, ArmError.ResourceNotFound(action.MachineId, ResourceIds.MachineType));
            return;
        }

        var refusal = await CheckRegisteredAsync(commands, action.MachineId, context.RequestAborted)
            ?? WindowsOnly(machine.Snapshot, action.MachineId)
            ?? LicenseRejection(machine.Snapshot);
        if (refusal is not null)
        {
            await RejectAsync(context, refusal);
            return;
        }

        var command = new JobCommand(Guid.NewGuid(), machine.Snapshot.VmId, JobKinds.InstallUpdate, "", parameters, Now(), InstallUpdateTimeout, caller);
        await EnqueueAsync(context, commands, command, action.MachineId);
    }

    private async Task EnqueueAsync(HttpContext context, IArmCommands commands, JobCommand command, string machineId)
    {
        var reply = await commands.EnqueueJobAsync(command, context.RequestAborted);
        if (reply.Accepted is not { } accepted)
        {
            await RejectAsync(context, JobRefusals.ToArmError(reply.Refused!));
            return;
        }

        logger.LogInformation("ARM API: {Caller} queued job {JobId} ({Kind}) on {ResourceId}", command.Caller, command.JobId, command.Kind, machineId);

        // NOTE: as for instance jobs, the Location names a POST action, so generic ARM pollers that GET it cannot follow it.
        context.Response.Headers.Location = $"https://{context.Request.Host}{machineId}/{MachineRoutes.GetJobsStatus}"
            + QueryString.Create("api-version", context.Request.Query["api-version"].FirstOrDefault() ?? ArmResourceTypes.ApiVersion);
        await ArmResponses.WriteJsonAsync(context, JobJson.Accepted(accepted.Status), StatusCodes.Status202Accepted);
    }

    // Lists the jobs on the whole host in the shape of the instance getJobsStatus, with the same optional jobType filter.
    private async Task WriteJobsStatusAsync(HttpContext context, string machineId)
    {
        var (body, bodyError) = await ArmWriteHandler.ReadBodyAsync(context, allowEmpty: true);
        var (kind, error) = body is null ? (null, bodyError) : JobRequestReader.ReadStatusFilter(body);
        if (error is not null)
        {
            await RejectAsync(context, error);
            return;
        }

        if (FindMachine(machineId) is null)
        {
            await RejectAsync(context, ArmError.ResourceNotFound(machineId, ResourceIds.MachineType));
            return;
        }

        var jobs = store.ListJobs(machineId, kind, ArmJobHandler.MaxListedJobs);
        var entries = jobs.Select(job => (JsonNode?)JobJson.StatusEntry(job)).ToArray();
        await ArmResponses.WriteJsonAsync(context, new JsonObject { ["jobsStatus"] = new JsonArray(entries) });
    }

    private ArmError? OperationInProgress(string machineId)
    {
        var open = store.ListJobs(machineId, JobKinds.Deploy, ArmJobHandler.MaxListedJobs)
            .FirstOrDefault(job => job.State is JobState.Queued or JobState.Delivered or JobState.Running);
        return open is null
            ? null
            : new ArmError(409, DeploymentErrorCodes.OperationInProgress,
                $"The extension on machine '{machineId}' has an operation in progress: Deploy job {open.JobId} ({open.Parameters.GetValueOrDefault("operation", "?")}) is {open.State}. "
                + $"Wait until POST {MachineRoutes.GetJobsStatus} shows it ended, then send the request again.");
    }

    private static ArmError? WindowsOnly(MachineSnapshot machine, string machineId) =>
        string.Equals(machine.Os, "Windows", StringComparison.OrdinalIgnoreCase)
            ? null
            : new ArmError(400, "OperatingSystemNotSupported",
                $"The machine '{machineId}' runs {machine.Os}; automatic updates apply only to Windows hosts. Update SQL Server on this host with its package manager.");

    private static ArmError? LicenseRejection(MachineSnapshot machine)
    {
        var message = FeatureLicensing.Rejection(JobKinds.InstallUpdate, machine.HostName, machine.Extension.LicenseType);
        return message is null ? null : new ArmError(409, FeatureLicensing.RejectionCode, message);
    }

    // Machines and their extensions belong to Microsoft.HybridCompute, so that is the provider the subscription must have registered.
    private static async Task<ArmError?> CheckRegisteredAsync(IArmCommands commands, string machineId, CancellationToken cancel)
    {
        var subscription = machineId.Split('/')[2];
        var registrations = await commands.GetProviderRegistrationsAsync(subscription, cancel);
        return registrations.IsRegistered(Providers.HybridCompute) ? null : ArmError.SubscriptionNotRegistered(subscription, Providers.HybridCompute);
    }

    // The extension a machine has is named after its OS, so WindowsAgent.SqlServer on a Linux host does not exist.
    private ((JsonObject Resource, MachineSnapshot Snapshot)? Machine, ArmError? Error) FindExtension(ArmRequest.MachineExtension request)
    {
        if (FindMachine(request.MachineId) is not { } machine)
        {
            return (null, ArmError.ResourceNotFound(request.MachineId, ResourceIds.MachineType));
        }

        var expected = MachineRoutes.ExtensionNameFor(machine.Snapshot.Os);
        return expected == request.ExtensionName
            ? (machine, null)
            : (null, new ArmError(404, "ResourceNotFound",
                $"The machine '{request.MachineId}' runs {machine.Snapshot.Os}, so its SQL Server extension is '{expected}', not '{request.ExtensionName}'."));
    }

    // Returns the machine resource and the snapshot its last inventory stored, or null when either is missing.
    private (JsonObject Resource, MachineSnapshot Snapshot)? FindMachine(string machineId)
    {
        var resource = store.GetResource(machineId);
        if (resource is null
            || !string.Equals(resource["type"]?.GetValue<string>(), ResourceIds.MachineType, StringComparison.OrdinalIgnoreCase)
            || !Guid.TryParse(resource["properties"]?["vmId"]?.GetValue<string>(), out var vmId))
        {
            return null;
        }

        return store.FindMachine(vmId) is { } snapshot ? (resource, snapshot) : null;
    }

    private DateTimeOffset Now() => (options.Clock ?? TimeProvider.System).GetUtcNow();

    private Task RejectAsync(HttpContext context, ArmError error) => ArmResponses.RejectAsync(context, error, logger);
}
