namespace ArcActors.ClusterBench;

/// <summary>Resource provider namespaces the benchmark subscription registers before any upload.</summary>
public static class ProviderNamespaces
{
    public static readonly string[] All = ["Microsoft.HybridCompute", "Microsoft.AzureArcData"];
}
