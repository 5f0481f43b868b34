namespace ArcActors.Arm;

/// <summary>A resource type the API serves: its provider namespace, its type below the namespace and its api-versions.</summary>
public sealed record ArmResourceType(string Namespace, string TypePath, IReadOnlyList<string> ApiVersions)
{
    /// <summary>The full ARM type, such as <c>Microsoft.AzureArcData/sqlServerInstances/databases</c>.</summary>
    public string FullType => $"{Namespace}/{TypePath}";

    /// <summary>True when the type has a parent, such as <c>sqlServerInstances/databases</c>.</summary>
    public bool IsChild => TypePath.Contains('/');
}
