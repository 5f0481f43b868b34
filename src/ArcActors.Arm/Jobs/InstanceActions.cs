using ArcActors.ReadModel;

namespace ArcActors.Arm.Jobs;

/// <summary>
/// The relay job routes below a <c>sqlServerInstances</c> resource: the POST actions
/// <c>runBestPracticesAssessment</c>, <c>runBackup</c>, <c>getJobsStatus</c> and <c>cancelJob</c>, and
/// <c>GET bestPracticesAssessments/latest</c>.
/// </summary>
internal static class InstanceActions
{
    public const string RunBestPracticesAssessment = "runBestPracticesAssessment";
    public const string RunBackup = "runBackup";
    public const string GetJobsStatus = "getJobsStatus";
    public const string CancelJob = "cancelJob";

    public const string AssessmentsSegment = "bestPracticesAssessments";
    public const string LatestSegment = "latest";

    public static readonly IReadOnlyList<string> All = [RunBestPracticesAssessment, RunBackup, GetJobsStatus, CancelJob];

    /// <summary>
    /// Returns the request when <paramref name="typesAndNames"/> (the segments after the provider namespace)
    /// is <c>sqlServerInstances/{name}/{action}</c> or <c>sqlServerInstances/{name}/bestPracticesAssessments/latest</c>,
    /// else null so the caller parses the path as a resource or collection.
    /// </summary>
    public static ArmRequest? Parse(string groupPrefix, string providerNamespace, string[] typesAndNames)
    {
        if (!Is(providerNamespace, ResourceIds.ArcDataProvider)
            || typesAndNames.Length is not (3 or 4)
            || !Is(typesAndNames[0], ArmResourceTypes.Instance.TypePath))
        {
            return null;
        }

        var instanceId = $"{groupPrefix}/providers/{providerNamespace}/{typesAndNames[0]}/{typesAndNames[1]}";
        if (typesAndNames.Length == 4)
        {
            return Is(typesAndNames[2], AssessmentsSegment) && Is(typesAndNames[3], LatestSegment)
                ? new ArmRequest.LatestAssessment(instanceId)
                : null;
        }

        var action = All.FirstOrDefault(known => Is(known, typesAndNames[2]));
        return action is null ? null : new ArmRequest.InstanceAction(instanceId, action);
    }

    private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
}
