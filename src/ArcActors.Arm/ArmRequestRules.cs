using ArcActors.Arm.Auth;
using ArcActors.ReadModel;
using Microsoft.AspNetCore.Http;

namespace ArcActors.Arm;

/// <summary>For each parsed request: the methods it accepts, its api-versions, and the RBAC action and scope it needs.</summary>
internal static class ArmRequestRules
{
    public static string AllowedMethods(ArmRequest request) => request switch
    {
        ArmRequest.ProviderAction => "POST",
        ArmRequest.InstanceAction => "POST",
        ArmRequest.LatestAssessment => "GET",
        ArmRequest.MachineExtension => "GET, PUT, PATCH or DELETE",
        ArmRequest.MachineAction => "POST",
        ArmRequest.Resource { Type: var type } when type == ArmResourceTypes.License => "GET, PUT, PATCH or DELETE",
        ArmRequest.Resource { Type: var type } when type == ArmResourceTypes.Instance => "GET or PATCH",
        ArmRequest.Resource { Type: var type } when type == ArmResourceTypes.Database => "GET or PATCH",
        _ => "GET",
    };

    public static bool Allows(ArmRequest request, string method) =>
        AllowedMethods(request).Split([", ", " or "], StringSplitOptions.RemoveEmptyEntries).Contains(method, StringComparer.OrdinalIgnoreCase);

    public static ArmError? CheckApiVersion(ArmRequest request, string? apiVersion) => request switch
    {
        ArmRequest.Resource resource => ArmApiVersions.Check(apiVersion, $"resource type '{resource.Type.FullType}'", resource.Type.ApiVersions),
        ArmRequest.Collection collection => ArmApiVersions.Check(apiVersion, $"resource type '{collection.Type.FullType}'", collection.Type.ApiVersions),
        ArmRequest.Provider provider => ArmApiVersions.Check(apiVersion, $"provider '{provider.Namespace}'", ArmApiVersions.ResourceManager),
        ArmRequest.ProviderAction action => ArmApiVersions.Check(apiVersion, $"provider '{action.Namespace}'", ArmApiVersions.ResourceManager),
        ArmRequest.ActivityLog => ArmApiVersions.Check(apiVersion, "the activity log", ArmApiVersions.ActivityLog),
        ArmRequest.InstanceAction action => ArmApiVersions.Check(apiVersion, $"action '{action.Action}'", ArmResourceTypes.Instance.ApiVersions),
        ArmRequest.LatestAssessment => ArmApiVersions.Check(apiVersion, "bestPracticesAssessments", ArmResourceTypes.Instance.ApiVersions),
        ArmRequest.MachineExtension => ArmApiVersions.Check(apiVersion, $"resource type '{Extensions.MachineRoutes.ExtensionType}'", ArmResourceTypes.Machine.ApiVersions),
        ArmRequest.MachineAction action => ArmApiVersions.Check(apiVersion, $"action '{action.Action}'", ArmResourceTypes.Machine.ApiVersions),
        _ => ArmApiVersions.Check(apiVersion, "resource lists", ArmApiVersions.ResourceManager),
    };

    /// <summary>Returns the RBAC action and the scope (resource id or collection path) a request needs.</summary>
    public static (string Action, string Target) Permission(ArmRequest request, string method) => request switch
    {
        ArmRequest.Resource resource => (ArmActions.For(method, resource.Type.Namespace, resource.Type.TypePath), resource.Id),
        ArmRequest.Collection collection => (ArmActions.For(HttpMethods.Get, collection.Type.Namespace, collection.Type.TypePath),
            ScopeOf(collection.IdPrefix)),
        ArmRequest.GenericCollection generic => (IsSubscriptionWide(generic.IdPrefix)
            ? ArmActions.SubscriptionResourcesRead
            : ArmActions.ResourceGroupResourcesRead, ScopeOf(generic.IdPrefix)),
        ArmRequest.Provider provider => (ArmActions.ProviderRead, $"/subscriptions/{provider.SubscriptionId}"),
        ArmRequest.ProviderAction action => (action.Register ? ArmActions.Register(action.Namespace) : ArmActions.Unregister(action.Namespace),
            $"/subscriptions/{action.SubscriptionId}"),
        ArmRequest.ActivityLog log => (ArmActions.ActivityLogRead, $"/subscriptions/{log.SubscriptionId}"),
        ArmRequest.InstanceAction action => (ArmActions.For(HttpMethods.Post, ArmResourceTypes.Instance.Namespace, $"{ArmResourceTypes.Instance.TypePath}/{action.Action}"),
            action.InstanceId),
        ArmRequest.LatestAssessment latest => (ArmActions.BestPracticesAssessmentsRead, latest.InstanceId),
        ArmRequest.MachineExtension extension => (ArmActions.For(method, ResourceIds.HybridComputeProvider, $"{ArmResourceTypes.Machine.TypePath}/{Extensions.MachineRoutes.ExtensionsSegment}"),
            Extensions.MachineRoutes.ExtensionId(extension.MachineId, extension.ExtensionName)),
        ArmRequest.MachineAction action => (ArmActions.For(HttpMethods.Post, ResourceIds.HybridComputeProvider, $"{ArmResourceTypes.Machine.TypePath}/{action.Action}"),
            action.MachineId),
        _ => throw new ArgumentException($"No permission is defined for {request.GetType().Name}.", nameof(request)),
    };

    // A subscription-wide list has the prefix "/subscriptions/{id}/resourceGroups/"; ARM names its scope "/subscriptions/{id}".
    private static bool IsSubscriptionWide(string idPrefix) =>
        idPrefix.TrimEnd('/').EndsWith("/resourceGroups", StringComparison.OrdinalIgnoreCase);

    private static string ScopeOf(string idPrefix) =>
        IsSubscriptionWide(idPrefix) ? idPrefix.TrimEnd('/')[..^"/resourceGroups".Length] : idPrefix.TrimEnd('/');
}
