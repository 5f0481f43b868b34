using System.Text.Json.Nodes;
using ArcActors.Contracts.Jobs;
using ArcActors.Contracts.Subscriptions;

namespace ArcActors.Arm;

/// <summary>
/// The writes the API sends to the cloud side's entities. Each call returns once the owning entity
/// has persisted the change, or found there was none. The read store shows the change once the
/// projections have applied it.
/// </summary>
public interface IArmCommands
{
    Task<ProviderRegistrations> GetProviderRegistrationsAsync(string subscriptionId, CancellationToken cancellationToken);

    Task<ProviderRegistrations> SetProviderRegistrationAsync(string subscriptionId, string providerNamespace, bool registered, string caller,
        CancellationToken cancellationToken);

    /// <summary>Applies a validated PATCH of an instance's writable properties. On success the result contains those properties as they now are.</summary>
    Task<ArmWriteResult> PatchInstanceAsync(InstancePatch patch, CancellationToken cancellationToken);

    /// <summary>
    /// Sets or removes a database's own backup policy. On success the result contains <c>backupPolicy</c> as the
    /// database now has it, null when the instance policy applies.
    /// </summary>
    Task<ArmWriteResult> PatchDatabaseAsync(DatabasePatch patch, CancellationToken cancellationToken);

    /// <summary>Creates or replaces (PUT), or updates (PATCH) a physical core license.</summary>
    Task<ArmWriteResult> WriteLicenseAsync(LicenseWrite write, CancellationToken cancellationToken);

    Task<ArmWriteResult> DeleteLicenseAsync(string resourceId, string caller, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a job to its host's relay queue. Returns once the queue has stored the job and the read store
    /// shows it, or with the queue's refusal (codes QueueFull, DuplicateJobId, InvalidJob, or GatewayTimeout
    /// when the queue did not reply in time).
    /// </summary>
    Task<JobCommandReply> EnqueueJobAsync(JobCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels a job its host has not started. Returns the job as Cancelled once the read store shows it, or
    /// the queue's refusal (codes JobNotFound, JobRunning, JobEnded, or GatewayTimeout).
    /// </summary>
    Task<JobCommandReply> CancelJobAsync(CancelJob request, CancellationToken cancellationToken);
}

/// <summary>
/// The outcome of a write: <see cref="Status"/> 200, 201 or 204 with the resource as the entity now
/// has it (null for a delete), or an error status with an ARM error code and message.
/// </summary>
public sealed record ArmWriteResult(int Status, JsonObject? Resource, string ErrorCode = "", string ErrorMessage = "")
{
    public bool Succeeded => Status is >= 200 and < 300;

    public static ArmWriteResult Failed(int status, string code, string message) => new(status, null, code, message);
}
