using ArcActors.Contracts.Ingress;

namespace ArcActors.Contracts.Jobs;

/// <summary>
/// One command for one host. <see cref="JobId"/> is unique; a host that has finished a job id
/// never runs it again, whatever number of times it is delivered.
/// </summary>
/// <param name="Kind">One of <see cref="JobKinds"/>.</param>
/// <param name="InstanceName">The instance the job acts on; empty for jobs on the whole host.</param>
/// <param name="Timeout">How long after <paramref name="QueuedAt"/> the job may take before it counts as TimedOut.</param>
/// <param name="Caller">Who queued it: the principal of the API call, or the system.</param>
public sealed record JobCommand(
    Guid JobId,
    Guid VmId,
    string Kind,
    string InstanceName,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset QueuedAt,
    TimeSpan Timeout,
    string Caller) : IArcActorsMessage, IWithMachineId
{
    /// <summary>Returns the parameter, or <paramref name="fallback"/> when it is missing.</summary>
    public string Parameter(string name, string fallback = "") =>
        Parameters is not null && Parameters.TryGetValue(name, out var value) ? value : fallback;
}
