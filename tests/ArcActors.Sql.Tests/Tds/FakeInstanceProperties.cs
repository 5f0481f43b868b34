namespace ArcActors.Sql.Tests.Tds;

/// <summary>The SERVERPROPERTY and configuration values a <see cref="FakeSqlServer"/> returns.</summary>
public sealed record FakeInstanceProperties
{
    public string Edition { get; init; } = "Enterprise Edition: Core-based Licensing (64-bit)";
    public int EngineEdition { get; init; } = 3;
    public string ProductVersion { get; init; } = "16.0.4135.4";
    public string ProductLevel { get; init; } = "RTM";
    public string? ProductUpdateLevel { get; init; } = "CU14";
    public string Collation { get; init; } = "SQL_Latin1_General_CP1_CI_AS";
    public string? InstanceName { get; init; }
    public string ServerName { get; init; } = "DB-EAST-02";
    public bool IsClustered { get; init; }
    public bool IsHadrEnabled { get; init; }
    public string InstanceDefaultBackupPath { get; init; } = "D:\\Backup";
    public string MachineName { get; init; } = "DB-EAST-02";
    public int CpuCount { get; init; } = 32;
    public long MaxServerMemoryMB { get; init; } = 2147483647;
    public int TempdbDataFiles { get; init; } = 8;
    public int UserConnections { get; init; } = 3;
}
