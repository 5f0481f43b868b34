namespace ArcActors.Node.Runtime;

/// <summary>The roles a node started by <c>arcactors node</c> can have.</summary>
public static class NodeRoles
{
    /// <summary>Sharded entities, ingress and projections: a cluster member.</summary>
    public const string Dps = "dps";

    /// <summary>The ARM-compatible API over the read store.</summary>
    public const string Api = "api";

    /// <summary>The agent on a SQL Server machine, a cluster client and not a member.</summary>
    public const string Host = "host";

    public static readonly IReadOnlyList<string> Known = [Dps, Api, Host];
}
