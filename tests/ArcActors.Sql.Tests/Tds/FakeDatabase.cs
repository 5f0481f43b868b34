namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// One database of a <see cref="FakeSqlServer"/>, with the raw catalog values SQL Server stores
/// (state_desc such as RECOVERY_PENDING, recovery_model_desc such as BULK_LOGGED).
/// <see cref="DeniedQuery"/>, when set, is the discovery query that fails with error 229 for this database.
/// </summary>
public sealed record FakeDatabase(string Name)
{
    public string StateDesc { get; init; } = "ONLINE";
    public string RecoveryModelDesc { get; init; } = "FULL";
    public byte CompatibilityLevel { get; init; } = 160;
    public bool IsReadOnly { get; init; }
    public string? CollationName { get; init; } = "SQL_Latin1_General_CP1_CI_AS";
    public DateTimeOffset CreateDate { get; init; } = new(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(1));
    public bool IsAutoCloseOn { get; init; }
    public bool IsAutoShrinkOn { get; init; }
    public bool IsAutoCreateStatsOn { get; init; } = true;
    public bool IsAutoUpdateStatsOn { get; init; } = true;
    public bool IsTrustworthyOn { get; init; }
    public bool IsEncrypted { get; init; }
    public string PageVerifyOptionDesc { get; init; } = "CHECKSUM";
    public double SizeMB { get; init; } = 16;
    public double SpaceAvailableMB { get; init; } = 4;
    public bool HasMemoryOptimizedData { get; init; }
    public DateTimeOffset? LastFullBackup { get; init; }
    public DateTimeOffset? LastLogBackup { get; init; }
    public DateTimeOffset? LastGoodCheckDb { get; init; }
    public string? DeniedQuery { get; init; }
}
