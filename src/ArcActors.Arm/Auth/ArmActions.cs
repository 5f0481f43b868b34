namespace ArcActors.Arm.Auth;

/// <summary>
/// ARM action names for requests, in the form role definitions use. The rules:
/// <list type="bullet">
/// <item>GET and HEAD on a resource or a typed collection: <c>{namespace}/{type path}/read</c>.</item>
/// <item>PUT and PATCH: <c>{namespace}/{type path}/write</c>. DELETE: <c>{namespace}/{type path}/delete</c>.</item>
/// <item>POST: <c>{namespace}/{type path}/action</c>, where the type path ends with the action name, such as
/// <c>sqlServerInstances/getTelemetry</c>, or is just <c>register</c> or <c>unregister</c> for provider registration.</item>
/// <item>Requests with no provider type use a constant: <see cref="SubscriptionResourcesRead"/>,
/// <see cref="ResourceGroupResourcesRead"/>, <see cref="ProviderRead"/> and <see cref="ActivityLogRead"/>.</item>
/// </list>
/// </summary>
public static class ArmActions
{
    /// <summary>Lists every resource in a subscription (<c>/subscriptions/{id}/resources</c>).</summary>
    public const string SubscriptionResourcesRead = "Microsoft.Resources/subscriptions/resources/read";

    /// <summary>Lists every resource in a resource group (<c>.../resourceGroups/{name}/resources</c>).</summary>
    public const string ResourceGroupResourcesRead = "Microsoft.Resources/subscriptions/resourceGroups/resources/read";

    /// <summary>Reads a provider document (<c>GET /subscriptions/{id}/providers/{namespace}</c>).</summary>
    public const string ProviderRead = "Microsoft.Resources/subscriptions/providers/read";

    /// <summary>Reads the activity log.</summary>
    public const string ActivityLogRead = "Microsoft.Insights/eventtypes/values/read";

    /// <summary>Reads monitoring data of an instance.</summary>
    public const string GetTelemetry = "Microsoft.AzureArcData/sqlServerInstances/getTelemetry/action";

    /// <summary>Queues a best practices assessment of an instance on its host.</summary>
    public const string RunBestPracticesAssessment = "Microsoft.AzureArcData/sqlServerInstances/runBestPracticesAssessment/action";

    /// <summary>Queues one backup of a database of an instance on its host.</summary>
    public const string RunBackup = "Microsoft.AzureArcData/sqlServerInstances/runBackup/action";

    /// <summary>
    /// Lists the relay jobs of an instance. Azure defines getJobsStatus as a POST action, so <c>*/read</c>
    /// (the Reader role) does not grant it.
    /// </summary>
    public const string GetJobsStatus = "Microsoft.AzureArcData/sqlServerInstances/getJobsStatus/action";

    /// <summary>Cancels a relay job of an instance that its host has not started.</summary>
    public const string CancelJob = "Microsoft.AzureArcData/sqlServerInstances/cancelJob/action";

    /// <summary>Reads the newest best practices assessment result of an instance, which <c>*/read</c> grants.</summary>
    public const string BestPracticesAssessmentsRead = "Microsoft.AzureArcData/sqlServerInstances/bestPracticesAssessments/read";

    /// <summary>Reads the SQL Server extension of a machine and its settings, which <c>*/read</c> grants.</summary>
    public const string ExtensionsRead = "Microsoft.HybridCompute/machines/extensions/read";

    /// <summary>Changes the settings of the SQL Server extension of a machine (PUT or PATCH), which queues a Deploy job.</summary>
    public const string ExtensionsWrite = "Microsoft.HybridCompute/machines/extensions/write";

    /// <summary>Uninstalls the SQL Server extension of a machine, which queues a Deploy job.</summary>
    public const string ExtensionsDelete = "Microsoft.HybridCompute/machines/extensions/delete";

    /// <summary>Lists the relay jobs of a machine, such as Deploy and InstallUpdate jobs.</summary>
    public const string MachineGetJobsStatus = "Microsoft.HybridCompute/machines/getJobsStatus/action";

    /// <summary>Queues the installation of an update on a Windows host within a maintenance window.</summary>
    public const string InstallUpdate = "Microsoft.HybridCompute/machines/installUpdate/action";

    /// <summary>Returns the action of a request with <paramref name="httpMethod"/> on a provider type, following the rules above.</summary>
    /// <exception cref="ArgumentException">The method is not GET, HEAD, PUT, PATCH, DELETE or POST, or a name is empty.</exception>
    public static string For(string httpMethod, string providerNamespace, string typePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(httpMethod);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerNamespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(typePath);

        var verb = httpMethod.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => "read",
            "PUT" or "PATCH" => "write",
            "DELETE" => "delete",
            "POST" => "action",
            _ => throw new ArgumentException(
                $"The HTTP method '{httpMethod}' has no ARM action; use GET, HEAD, PUT, PATCH, DELETE or POST.", nameof(httpMethod)),
        };
        return $"{providerNamespace}/{typePath.Trim('/')}/{verb}";
    }

    /// <summary>Returns the action that registers <paramref name="providerNamespace"/> in a subscription.</summary>
    public static string Register(string providerNamespace) => For("POST", providerNamespace, "register");

    /// <summary>Returns the action that unregisters <paramref name="providerNamespace"/> from a subscription.</summary>
    public static string Unregister(string providerNamespace) => For("POST", providerNamespace, "unregister");
}
