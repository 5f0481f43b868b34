using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Tests.Jobs;

/// <summary>A simulated host with a standalone instance (system databases and user databases in each recovery model) and a failover cluster instance.</summary>
internal static class BackupScheduleFleet
{
    public const string Standalone = "SALES";
    public const string Clustered = "CLUSTERED";

    private const string Text = """
        subscriptionId: 5f0c2a64-8f5e-4a8e-9a51-3c1f2d0b7e21
        resourceGroup: rg
        start: 2026-11-25T20:00:00Z
        hosts:
          - name: sql-backups
            logicalProcessors: 4
            extension: { licenseType: Paid }
            instances:
              - name: SALES
                edition: Enterprise
                version: 16.0.4135.4
                databases:
                  - { name: master, recoveryMode: Simple }
                  - { name: model, recoveryMode: Full }
                  - { name: msdb, recoveryMode: Simple }
                  - { name: tempdb, recoveryMode: Simple }
                  - { name: Orders, recoveryMode: Full }
                  - { name: Staging, recoveryMode: Simple }
                  - { name: Ledger, recoveryMode: Bulk-logged }
              - name: CLUSTERED
                edition: Enterprise
                version: 16.0.4135.4
                failoverCluster: { networkName: sqlfci, nodes: [sql-backups, sql-backups-2], activeNode: sql-backups }
                databases:
                  - { name: Claims, recoveryMode: Full }
        """;

    public static FleetState Load() => new(FleetFile.Parse(Text, "backup-schedule.yaml"));
}
