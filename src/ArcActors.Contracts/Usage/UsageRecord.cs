namespace ArcActors.Contracts.Usage;

/// <summary>
/// Usage of one OS environment in one UTC hour: the machine facts and every running, non-LocalDB
/// instance seen in that hour. A partial hour counts as a full hour.
/// </summary>
public sealed record UsageRecord
{
    public required Guid VmId { get; init; }
    public required string HostName { get; init; }

    /// <summary>Start of the UTC hour this record covers.</summary>
    public required DateTimeOffset HourStart { get; init; }

    public string Os { get; init; } = "Windows";
    public bool IsVirtualMachine { get; init; }
    public int LogicalProcessors { get; init; }
    public int PhysicalCores { get; init; }

    /// <summary>Host license type: PAYG, Paid or LicenseOnly.</summary>
    public string LicenseType { get; init; } = "Paid";
    public bool UsePhysicalCoreLicense { get; init; }
    public bool EnableExtendedSecurityUpdates { get; init; }
    public IReadOnlyList<InstanceUsage> Instances { get; init; } = [];
}

/// <summary>One instance as seen in an hour; several samples merge by keeping the highest edition.</summary>
public sealed record InstanceUsage
{
    public required string InstanceName { get; init; }
    public required string Edition { get; init; }
    public string CurrentVersion { get; init; } = "";
    public int UserConnections { get; init; }

    /// <summary>True when the instance contains a user database outside every availability group.</summary>
    public bool HasDatabaseOutsideAvailabilityGroup { get; init; }

    /// <summary>Local replica of each availability group the instance belongs to.</summary>
    public IReadOnlyList<ReplicaUsage> Replicas { get; init; } = [];
}

/// <summary>The local replica of one availability group: its role and whether it serves reads.</summary>
public sealed record ReplicaUsage(string AvailabilityGroup, bool IsPrimary, bool IsReadable);
