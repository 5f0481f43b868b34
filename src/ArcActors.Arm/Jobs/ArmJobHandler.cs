using System.Text.Json.Nodes;
using ArcActors.Contracts.Jobs;
using ArcActors.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArcActors.Arm.Jobs;

/// <summary>
/// Serves the relay job routes of an instance. runBestPracticesAssessment, runBackup and cancelJob go to the
/// host's relay queue through <see cref="IArmCommands"/>. getJobsStatus and bestPracticesAssessments/latest read
/// the read store, so they also work on an API started without commands.
/// </summary>
internal sealed class ArmJobHandler(ReadStore store, ArmApiOptions options, ILogger logger)
{
    /// <summary>How long a best practices assessment may take from when it is queued.</summary>
    public static readonly TimeSpan AssessmentTimeout = TimeSpan.FromHours(1);

    /// <summary>How long one backup may take from when it is queued.</summary>
    public static readonly TimeSpan BackupTimeout = TimeSpan.FromHours(2);

    /// <summary>Maximum number of jobs one getJobsStatus reply lists, newest first.</summary>
    public const int MaxListedJobs = 100;

    public async Task HandleAsync(HttpContext context, ArmRequest request, string caller)
    {
        switch (request)
        {
            case ArmRequest.LatestAssessment latest:
                await WriteLatestAssessmentAsync(context, latest.InstanceId);
                break;
            case ArmRequest.InstanceAction { Action: InstanceActions.GetJobsStatus } status:
                await WriteJobsStatusAsync(context, status.InstanceId);
                break;
            case ArmRequest.InstanceAction when options.Commands is null:
                await RejectAsync(context, ArmError.ReadOnlyApi(context.Request.Method));
                break;
            case ArmRequest.InstanceAction { Action: InstanceActions.CancelJob } cancel:
                await CancelAsync(context, options.Commands!, cancel.InstanceId, caller);
                break;
            case ArmRequest.InstanceAction action:
                await RunAsync(context, options.Commands!, action, caller);
                break;
        }
    }

    private async Task RunAsync(HttpContext context, IArmCommands commands, ArmRequest.InstanceAction action, string caller)
    {
        var (body, bodyError) = await ArmWriteHandler.ReadBodyAsync(context, allowEmpty: true);
        var (parameters, error) = body is null ? (null, bodyError) : ReadParameters(action.Action, body);
        if (parameters is null)
        {
            await RejectAsync(context, error!);
            return;
        }

        var instance = store.FindInstance(action.InstanceId);
        if (instance is not { } found)
        {
            await RejectAsync(context, ArmError.ResourceNotFound(action.InstanceId, ArmResourceTypes.Instance.FullType));
            return;
        }

        var kind = action.Action == InstanceActions.RunBackup ? JobKinds.Backup : JobKinds.BestPracticesAssessment;
        var refusal = await ArmWriteHandler.CheckRegisteredAsync(commands, action.InstanceId, context.RequestAborted)
            ?? LicenseRejection(kind, found.VmId, action.InstanceId)
            ?? MissingDatabase(kind, parameters, action.InstanceId);
        if (refusal is not null)
        {
            await RejectAsync(context, refusal);
            return;
        }

        var timeout = kind == JobKinds.Backup ? BackupTimeout : AssessmentTimeout;
        var command = new JobCommand(Guid.NewGuid(), found.VmId, kind, found.InstanceName, parameters, Now(), timeout, caller);
        var reply = await commands.EnqueueJobAsync(command, context.RequestAborted);
        if (reply.Accepted is not { } accepted)
        {
            await RejectAsync(context, JobRefusals.ToArmError(reply.Refused!));
            return;
        }

        logger.LogInformation("ARM API: {Caller} queued job {JobId} ({Kind}) on {ResourceId}", caller, command.JobId, kind, action.InstanceId);

        // NOTE: ARM clients poll a Location with GET, but getJobsStatus is a POST, so generic pollers cannot follow this header.
        context.Response.Headers.Location = $"https://{context.Request.Host}{action.InstanceId}/{InstanceActions.GetJobsStatus}"
            + QueryString.Create("api-version", context.Request.Query["api-version"].FirstOrDefault() ?? ArmResourceTypes.ApiVersion);
        await ArmResponses.WriteJsonAsync(context, JobJson.Accepted(accepted.Status), StatusCodes.Status202Accepted);
    }

    private static (IReadOnlyDictionary<string, string>? Parameters, ArmError? Error) ReadParameters(string action, JsonObject body) =>
        action == InstanceActions.RunBackup
            ? JobRequestReader.ReadBackup(body)
            : JobRequestReader.UnknownProperty(body) is { } unknown ? (null, unknown) : (new Dictionary<string, string>(), null);

    // A backup of a database the last inventory did not report would only fail on the host, so it is refused before it is queued.
    private ArmError? MissingDatabase(string kind, IReadOnlyDictionary<string, string> parameters, string instanceId)
    {
        if (kind != JobKinds.Backup || store.GetResource(ResourceIds.Database(instanceId, parameters["database"])) is not null)
        {
            return null;
        }

        return new ArmError(404, "DatabaseNotFound",
            $"The instance '{instanceId}' has no database '{parameters["database"]}' in its last inventory. List its databases with GET {instanceId}/databases, and send one of their names.");
    }

    // Best practices assessment and backups need Paid or PAYG on the host. The host's last inventory gives its license type.
    private ArmError? LicenseRejection(string kind, Guid vmId, string instanceId)
    {
        var machine = store.FindMachine(vmId);
        if (machine is null)
        {
            return new ArmError(409, "HostNotInventoried",
                $"The host of instance '{instanceId}' (machine {vmId}) has sent no inventory yet, so its license type is unknown. Retry after its next inventory cycle.");
        }

        var message = FeatureLicensing.Rejection(kind, machine.HostName, machine.Extension.LicenseType);
        return message is null ? null : new ArmError(409, FeatureLicensing.RejectionCode, message);
    }

    private async Task CancelAsync(HttpContext context, IArmCommands commands, string instanceId, string caller)
    {
        var (body, bodyError) = await ArmWriteHandler.ReadBodyAsync(context, allowEmpty: true);
        var (jobId, error) = body is null ? (Guid.Empty, bodyError) : JobRequestReader.ReadJobId(body);
        if (error is not null)
        {
            await RejectAsync(context, error);
            return;
        }

        // The job must belong to this instance, because the token was checked against the instance's scope only.
        if (store.FindInstance(instanceId) is null)
        {
            await RejectAsync(context, ArmError.ResourceNotFound(instanceId, ArmResourceTypes.Instance.FullType));
            return;
        }

        var job = store.GetJob(jobId);
        if (job is null || !string.Equals(job.ResourceId, instanceId, StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(context, new ArmError(404, "JobNotFound",
                $"The instance '{instanceId}' has no job {jobId}. List its jobs with POST {InstanceActions.GetJobsStatus}."));
            return;
        }

        var reply = await commands.CancelJobAsync(new CancelJob(job.VmId, jobId, caller, Now()), context.RequestAborted);
        if (reply.Accepted is not { } accepted)
        {
            await RejectAsync(context, JobRefusals.ToArmError(reply.Refused!));
            return;
        }

        logger.LogInformation("ARM API: {Caller} cancelled job {JobId} on {ResourceId}", caller, jobId, instanceId);
        await ArmResponses.WriteJsonAsync(context, JobJson.Accepted(accepted.Status));
    }

    private async Task WriteJobsStatusAsync(HttpContext context, string instanceId)
    {
        var (body, bodyError) = await ArmWriteHandler.ReadBodyAsync(context, allowEmpty: true);
        var (kind, error) = body is null ? (null, bodyError) : JobRequestReader.ReadStatusFilter(body);
        if (error is not null)
        {
            await RejectAsync(context, error);
            return;
        }

        if (store.FindInstance(instanceId) is null)
        {
            await RejectAsync(context, ArmError.ResourceNotFound(instanceId, ArmResourceTypes.Instance.FullType));
            return;
        }

        var jobs = store.ListJobs(instanceId, kind, MaxListedJobs);
        var entries = jobs.Select(job => (JsonNode?)JobJson.StatusEntry(job)).ToArray();
        await ArmResponses.WriteJsonAsync(context, new JsonObject { ["jobsStatus"] = new JsonArray(entries) });
    }

    private async Task WriteLatestAssessmentAsync(HttpContext context, string instanceId)
    {
        if (store.FindInstance(instanceId) is null)
        {
            await RejectAsync(context, ArmError.ResourceNotFound(instanceId, ArmResourceTypes.Instance.FullType));
            return;
        }

        var job = store.FindLatestSucceededJob(instanceId, JobKinds.BestPracticesAssessment);
        if (job is null)
        {
            await RejectAsync(context, new ArmError(404, "AssessmentNotFound",
                $"The instance '{instanceId}' has no succeeded best practices assessment. Run one with POST {instanceId}/{InstanceActions.RunBestPracticesAssessment}, "
                + $"wait until POST {InstanceActions.GetJobsStatus} shows it Succeeded, then read this again."));
            return;
        }

        await ArmResponses.WriteJsonAsync(context, JobJson.ParseResult(job.Result)!);
    }

    // Maps the relay queue's refusal codes to HTTP statuses. An unknown code counts as a conflict with the queue's state.
    private DateTimeOffset Now() => (options.Clock ?? TimeProvider.System).GetUtcNow();

    private Task RejectAsync(HttpContext context, ArmError error) => ArmResponses.RejectAsync(context, error, logger);
}
