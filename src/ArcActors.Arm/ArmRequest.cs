namespace ArcActors.Arm;

/// <summary>The target of a request path, parsed and checked.</summary>
internal abstract record ArmRequest
{
    /// <summary><c>/subscriptions/{sub}/providers/{namespace}</c>: the provider document.</summary>
    public sealed record Provider(string SubscriptionId, string Namespace) : ArmRequest;

    /// <summary>One resource by id.</summary>
    public sealed record Resource(string Id, ArmResourceType Type) : ArmRequest;

    /// <summary>The resources of one type whose ids start with <paramref name="IdPrefix"/>.</summary>
    public sealed record Collection(string IdPrefix, ArmResourceType Type) : ArmRequest;

    /// <summary><c>/subscriptions/{sub}/resourceGroups/{rg}/resources</c> or <c>/subscriptions/{sub}/resources</c>: every type.</summary>
    public sealed record GenericCollection(string IdPrefix) : ArmRequest;

    /// <summary><c>POST /subscriptions/{sub}/providers/{namespace}/register</c> or <c>/unregister</c>.</summary>
    public sealed record ProviderAction(string SubscriptionId, string Namespace, bool Register) : ArmRequest;

    /// <summary><c>/subscriptions/{sub}/providers/Microsoft.Insights/eventtypes/management/values</c>: the activity log.</summary>
    public sealed record ActivityLog(string SubscriptionId) : ArmRequest;

    /// <summary><c>POST {instance id}/{action}</c>: one of the relay job actions of <see cref="Jobs.InstanceActions"/>.</summary>
    public sealed record InstanceAction(string InstanceId, string Action) : ArmRequest;

    /// <summary><c>GET {instance id}/bestPracticesAssessments/latest</c>: the newest best practices assessment result.</summary>
    public sealed record LatestAssessment(string InstanceId) : ArmRequest;

    /// <summary><c>{machine id}/extensions/{name}</c>: the SQL Server extension of a <c>Microsoft.HybridCompute/machines</c> resource.</summary>
    public sealed record MachineExtension(string MachineId, string ExtensionName) : ArmRequest;

    /// <summary><c>POST {machine id}/{action}</c>: one of the machine actions of <see cref="Extensions.MachineRoutes"/>.</summary>
    public sealed record MachineAction(string MachineId, string Action) : ArmRequest;

    public sealed record Invalid(ArmError Error) : ArmRequest;
}
