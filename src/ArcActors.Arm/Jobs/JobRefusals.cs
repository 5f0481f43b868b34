using ArcActors.Contracts.Jobs;

namespace ArcActors.Arm.Jobs;

/// <summary>Maps the relay queue's rejection codes to HTTP statuses for every route that queues or cancels a job.</summary>
internal static class JobRefusals
{
    public static ArmError ToArmError(JobRefused refused) => new(refused.Code switch
    {
        "InvalidJob" => 400,
        "JobNotFound" => 404,
        "QueueFull" => 429,
        JobCommandReply.GatewayTimeoutCode => 504,
        _ => 409,
    }, refused.Code, refused.Message);
}
