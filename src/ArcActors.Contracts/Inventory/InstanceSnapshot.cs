namespace ArcActors.Contracts.Inventory;

/// <summary>
/// One SQL Server instance as the host discovered it in one inventory cycle. Properties carry the
/// ARM 2024-01-01 names of <c>sqlServerInstances</c> where the two overlap.
/// </summary>
public sealed record InstanceSnapshot
{
    public required string InstanceName { get; init; }

    /// <summary>ARM edition: Enterprise, Standard, Web, Developer, Express or Evaluation.</summary>
    public required string Edition { get; init; }

    /// <summary>Product version as <c>SERVERPROPERTY('ProductVersion')</c> returns it, for example 16.0.4135.4.</summary>
    public required string CurrentVersion { get; init; }

    public string PatchLevel { get; init; } = "";
    public string Collation { get; init; } = "SQL_Latin1_General_CP1_CI_AS";
    public string TcpStaticPorts { get; init; } = "";
    public string TcpDynamicPorts { get; init; } = "";
    public string ProductId { get; init; } = "";

    /// <summary>Logical processors the instance uses.</summary>
    public int VCore { get; init; }

    public InstanceRunState State { get; init; } = InstanceRunState.Running;
    public bool IsClustered { get; init; }
    public bool IsHadrEnabled { get; init; }

    /// <summary>ARM alwaysOnRole: None, FailoverClusterInstance, FailoverClusterNode or AvailabilityGroupReplica.</summary>
    public string AlwaysOnRole { get; init; } = "None";

    public FailoverClusterInfo? FailoverCluster { get; init; }
    public string DefaultBackupPath { get; init; } = "";
    public long MaxServerMemoryMB { get; init; } = 2147483647;
    public int TempdbDataFiles { get; init; } = 1;

    /// <summary>User connections outside master, msdb, tempdb and model (free passive replica rule).</summary>
    public int UserConnections { get; init; }

    /// <summary>Names of every database the instance holds, in catalog order.</summary>
    public IReadOnlyList<DatabaseEntry> Databases { get; init; } = [];

    public IReadOnlyList<AvailabilityGroupSnapshot> AvailabilityGroups { get; init; } = [];

    /// <summary>Outcome of the probe: Ok, or why the instance could not be read.</summary>
    public ProbeStatus Status { get; init; } = ProbeStatus.Ok;
    public string StatusMessage { get; init; } = "";

    /// <summary>Returns the ARM <c>version</c> label for <see cref="CurrentVersion"/>, such as "SQL Server 2022".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string VersionLabel => SqlServerVersions.LabelFor(CurrentVersion);
}

public enum InstanceRunState { Running, Stopped }

public enum ProbeStatus { Ok, Unreachable, LoginFailed, PermissionDenied, Failed }

/// <summary>A database name with the state the instance-level catalog reports for it.</summary>
public sealed record DatabaseEntry(string Name, string State);

public sealed record FailoverClusterInfo(string NetworkName, IReadOnlyList<string> HostNames, string ActiveNode);
