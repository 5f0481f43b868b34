namespace ArcActors.Contracts.Inventory;

/// <summary>
/// One database as its instance reported it. Properties carry the ARM 2024-01-01 names of
/// <c>sqlServerInstances/databases</c>.
/// </summary>
public sealed record DatabaseSnapshot
{
    public required string Name { get; init; }
    public string CollationName { get; init; } = "";
    public DateTimeOffset? DatabaseCreationDate { get; init; }
    public int CompatibilityLevel { get; init; }

    /// <summary>ARM state: Online, Restoring, Recovering, RecoveryPending, Suspect, Emergency, Offline, Copying or OfflineSecondary.</summary>
    public string State { get; init; } = "Online";

    public bool IsReadOnly { get; init; }

    /// <summary>ARM recoveryMode: Full, Bulk-logged or Simple.</summary>
    public string RecoveryMode { get; init; } = "Full";

    public double SizeMB { get; init; }
    public double SpaceAvailableMB { get; init; }
    public DatabaseOptions Options { get; init; } = new();
    public DateTimeOffset? LastFullBackup { get; init; }
    public DateTimeOffset? LastLogBackup { get; init; }
    public DateTimeOffset? LastGoodCheckDb { get; init; }

    /// <summary>Empty when the database was read; otherwise why its details could not be read.</summary>
    public string ProbeError { get; init; } = "";
}

public sealed record DatabaseOptions
{
    public bool IsAutoCloseOn { get; init; }
    public bool IsAutoShrinkOn { get; init; }
    public bool IsAutoCreateStatsOn { get; init; } = true;
    public bool IsAutoUpdateStatsOn { get; init; } = true;
    public bool IsRemoteDataArchiveEnabled { get; init; }
    public bool IsMemoryOptimizationEnabled { get; init; }
    public bool IsEncrypted { get; init; }
    public bool IsTrustworthyOn { get; init; }

    /// <summary>CHECKSUM, TORN_PAGE_DETECTION or NONE.</summary>
    public string PageVerify { get; init; } = "CHECKSUM";
}
