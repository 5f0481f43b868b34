using ArcActors.Contracts.Jobs;

namespace ArcActors.Arm;

/// <summary>The relay queue's reply to a job command: exactly one of <see cref="Accepted"/> and <see cref="Refused"/> is set.</summary>
public sealed record JobCommandReply(JobAccepted? Accepted, JobRefused? Refused)
{
    /// <summary>Error code of a command the relay queue did not reply to within the API's timeout.</summary>
    public const string GatewayTimeoutCode = "GatewayTimeout";

    public static JobCommandReply Of(JobAccepted accepted) => new(accepted, null);

    public static JobCommandReply Of(JobRefused refused) => new(null, refused);
}
