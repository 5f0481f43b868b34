using Akka.Actor;
using ArcActors.Arm;
using ArcActors.Arm.Licenses;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Contracts.Licenses;
using ArcActors.Contracts.Subscriptions;
using ArcActors.Dps.Hosting;
using ArcActors.Host.Jobs;
using ArcActors.ReadModel;

namespace ArcActors.Node.Runtime;

/// <summary>
/// The API's writes, sent to the cloud side's sharded entities with Akka's Ask. Each write returns the
/// resource as the entity's reply has it, because the read store shows the change only after its projection ran.
/// </summary>
public sealed class AkkaArmCommands(DpsServices dps, TimeProvider clock, TimeSpan? timeout = null) : IArmCommands
{
    public const string GatewayTimeoutCode = "GatewayTimeout";

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(30);

    public Task<ProviderRegistrations> GetProviderRegistrationsAsync(string subscriptionId, CancellationToken cancellationToken) =>
        dps.Subscriptions.Ask<ProviderRegistrations>(
            new GetProviderRegistrations(Providers.NormalizeSubscription(subscriptionId)), _timeout, cancellationToken);

    public async Task<ProviderRegistrations> SetProviderRegistrationAsync(
        string subscriptionId, string providerNamespace, bool registered, string caller, CancellationToken cancellationToken)
    {
        var request = new SetProviderRegistration(
            Providers.NormalizeSubscription(subscriptionId), providerNamespace, registered, clock.GetUtcNow(), caller);
        var state = await dps.Subscriptions.Ask<ProviderRegistrations>(request, _timeout, cancellationToken);

        // The entity also publishes the change, but telling the ingress directly updates its cache before the next upload arrives.
        dps.Ingress.Tell(state);
        return state;
    }

    /// <summary>Sends the patch to the instance's entity; the result carries only the writable properties as they now are.</summary>
    public async Task<ArmWriteResult> PatchInstanceAsync(InstancePatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);

        var command = new PatchInstanceSettings(new InstanceKey(patch.VmId, patch.InstanceName), patch.BackupPolicy, patch.MonitoringEnabled,
            clock.GetUtcNow(), patch.Caller, patch.MonitoringShown);
        var (reply, failure) = await AskSettingsAsync(command, $"The instance '{patch.ResourceId}'",
            $"The instance '{patch.ResourceId}' has no inventory on the cloud side yet", cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (patch.BackupPolicy is not null
            && await SendBackupPolicyAsync(patch.VmId, patch.InstanceName, null, reply!.Settings.BackupPolicy, patch.ResourceId, patch.Caller, cancellationToken) is { } notQueued)
        {
            return notQueued;
        }

        return new ArmWriteResult(200, ArmRenderer.InstanceSettingsProperties(reply!.Settings));
    }

    /// <summary>Sends the database's policy to its instance's entity, then queues the SetBackupPolicy job that delivers it to the host.</summary>
    public async Task<ArmWriteResult> PatchDatabaseAsync(DatabasePatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);

        var command = new PatchDatabaseBackupPolicy(new InstanceKey(patch.VmId, patch.InstanceName), patch.DatabaseName, patch.BackupPolicy,
            clock.GetUtcNow(), patch.Caller);
        var (reply, failure) = await AskSettingsAsync(command, $"The instance of database '{patch.ResourceId}'",
            $"The database '{patch.ResourceId}' is not in its instance's inventory on the cloud side yet", cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var policy = reply!.Settings.DatabaseBackupPolicies.GetValueOrDefault(patch.DatabaseName);
        return await SendBackupPolicyAsync(patch.VmId, patch.InstanceName, patch.DatabaseName, policy, patch.ResourceId, patch.Caller, cancellationToken)
            ?? new ArmWriteResult(200, ArmRenderer.DatabaseSettingsProperties(policy));
    }

    // Asks the instance entity and brings the inventory projection up to date, or returns the write's failure (504 or 404).
    private async Task<(InstanceSettingsReply? Reply, ArmWriteResult? Failure)> AskSettingsAsync(
        object command, string target, string notFound, CancellationToken cancellationToken)
    {
        InstanceSettingsReply reply;
        try
        {
            reply = await dps.Instances.Ask<InstanceSettingsReply>(command, _timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return (null, ArmWriteResult.Failed(504, GatewayTimeoutCode,
                $"{target} did not reply within {_timeout.TotalSeconds:0} s. The change may still complete; read the resource, then retry."));
        }

        if (!reply.Found)
        {
            return (null, ArmWriteResult.Failed(404, "ResourceNotFound", $"{notFound}; retry after the next inventory cycle."));
        }

        await dps.Projections.CatchUpAsync(EventTags.Inventory);
        return (reply, null);
    }

    /// <summary>How long a SetBackupPolicy job may wait for a host that is offline.</summary>
    public static readonly TimeSpan BackupPolicyJobTimeout = TimeSpan.FromDays(1);

    // The entity's reply does not say whether the policy changed, so every PATCH that carries one sends it to the host.
    // Storing a policy again is harmless there, and a PATCH repeated after a failed send delivers the policy.
    private async Task<ArmWriteResult?> SendBackupPolicyAsync(
        Guid vmId, string instanceName, string? databaseName, BackupPolicy? policy, string resourceId, string caller, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string> { ["policy"] = BackupPolicyJson.Write(policy) };
        if (databaseName is not null)
        {
            parameters["database"] = databaseName;
        }

        var job = new JobCommand(Guid.NewGuid(), vmId, JobKinds.SetBackupPolicy, instanceName, parameters, clock.GetUtcNow(), BackupPolicyJobTimeout, caller);
        var queued = await EnqueueJobAsync(job, cancellationToken);
        return queued.Refused is { } refused
            ? ArmWriteResult.Failed(503, "BackupPolicyNotQueued",
                $"The backup policy of '{resourceId}' is stored, but the job that sends it to the host was not queued ({refused.Code}: {refused.Message}). Send the PATCH again.")
            : null;
    }

    public async Task<ArmWriteResult> WriteLicenseAsync(LicenseWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);

        var validation = write.Replace ? LicenseValidation.ValidatePut(write.Body) : LicenseValidation.ValidatePatch(write.Body);
        if (validation.Request is not { } request)
        {
            return validation.ToWriteResult();
        }

        IWithLicenseId command = write.Replace ? Put(write, request) : Patch(write, request);
        return await AskLicenseAsync(command, write.ResourceId, cancellationToken);
    }

    public Task<ArmWriteResult> DeleteLicenseAsync(string resourceId, string caller, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);
        return AskLicenseAsync(new DeleteLicense(resourceId, clock.GetUtcNow(), caller), resourceId, cancellationToken);
    }

    /// <summary>Asks the host's relay queue to store the job, then brings the jobs projection up to date so a read right after shows it.</summary>
    public Task<JobCommandReply> EnqueueJobAsync(JobCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return AskRelayAsync(new EnqueueJob(command), command.JobId,
            $"The relay queue of machine {command.VmId} did not reply within {_timeout.TotalSeconds:0} s. The job {command.JobId} may still be queued; "
            + "list the instance's jobs with getJobsStatus before sending it again.", cancellationToken);
    }

    /// <summary>Asks the host's relay queue to cancel the job, then brings the jobs projection up to date.</summary>
    public Task<JobCommandReply> CancelJobAsync(CancelJob request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AskRelayAsync(request, request.JobId,
            $"The relay queue of machine {request.VmId} did not reply within {_timeout.TotalSeconds:0} s. The job {request.JobId} may still be cancelled; "
            + "check it with getJobsStatus, then retry.", cancellationToken);
    }

    private async Task<JobCommandReply> AskRelayAsync(IWithMachineId message, Guid jobId, string timeoutMessage, CancellationToken cancellationToken)
    {
        object reply;
        try
        {
            reply = await dps.Relay.Ask<object>(message, _timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return JobCommandReply.Of(new JobRefused(jobId, JobCommandReply.GatewayTimeoutCode, timeoutMessage));
        }

        switch (reply)
        {
            case JobAccepted accepted:
                await dps.Projections.CatchUpAsync(EventTags.Jobs);
                return JobCommandReply.Of(accepted);
            case JobRefused refused:
                return JobCommandReply.Of(refused);
            default:
                throw new InvalidOperationException($"The relay queue replied {reply.GetType().Name} to {message.GetType().Name}, which no job command expects.");
        }
    }

    private PutLicense Put(LicenseWrite write, LicenseRequest request)
    {
        var scope = new ResourceScope(Providers.NormalizeSubscription(write.SubscriptionId), write.ResourceGroup, request.Location!);
        var tags = request.Tags ?? new Dictionary<string, string>();
        return new PutLicense(write.ResourceId, scope, write.Name, tags, request.ToProperties(), clock.GetUtcNow(), write.Caller);
    }

    private PatchLicense Patch(LicenseWrite write, LicenseRequest request) =>
        new(write.ResourceId, request.Tags, request.Properties, clock.GetUtcNow(), write.Caller);

    private async Task<ArmWriteResult> AskLicenseAsync(IWithLicenseId command, string resourceId, CancellationToken cancellationToken)
    {
        LicenseReply reply;
        try
        {
            reply = await dps.Licenses.Ask<LicenseReply>(command, _timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return ArmWriteResult.Failed(504, GatewayTimeoutCode,
                $"The license '{resourceId}' did not reply within {_timeout.TotalSeconds:0} s. The write may still complete; read the license, then retry.");
        }

        if (reply.Outcome is LicenseOutcome.Created or LicenseOutcome.Updated or LicenseOutcome.Deleted)
        {
            await dps.Projections.CatchUpAsync(EventTags.Licenses);
        }

        return ToWriteResult(command, reply, resourceId);
    }

    private static ArmWriteResult ToWriteResult(IWithLicenseId command, LicenseReply reply, string resourceId)
    {
        var resource = reply.License is { } license ? ArmRenderer.License(license) : null;
        return reply.Outcome switch
        {
            LicenseOutcome.Created => new ArmWriteResult(201, resource),
            LicenseOutcome.Updated => new ArmWriteResult(200, resource),
            LicenseOutcome.Deleted => new ArmWriteResult(200, null),

            // ARM returns 204 for a DELETE of an absent resource and 404 for a PATCH of one.
            LicenseOutcome.NotFound when command is DeleteLicense => new ArmWriteResult(204, null),
            LicenseOutcome.NotFound => ArmWriteResult.Failed(404, "ResourceNotFound",
                $"The resource '{ResourceIds.LicenseType}' with id '{resourceId}' was not found. Create it with a PUT first."),
            LicenseOutcome.Rejected => ArmWriteResult.Failed(400, reply.ErrorCode, reply.ErrorMessage),
            _ => throw new InvalidOperationException($"The license entity replied {reply.Outcome} to {command.GetType().Name}, which no write expects."),
        };
    }
}
