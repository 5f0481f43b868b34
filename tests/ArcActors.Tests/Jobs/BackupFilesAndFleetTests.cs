using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Jobs;
using ArcActors.Simulation;
using Xunit;

namespace ArcActors.Tests.Jobs;

/// <summary>Retention file deletion on the local file system, and simulated backups shown in the next inventory.</summary>
public sealed class BackupFilesAndFleetTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("backup-files");

    [Fact]
    public void LocalBackupFileDeleter_DeletesFileUnderBackupPath()
    {
        var backupPath = Directory.CreateDirectory(Path.Combine(_folder, "Backup")).FullName;
        var file = Path.Combine(backupPath, "Orders_FULL_20261125200000.bak");
        File.WriteAllText(file, "backup");

        var error = new LocalBackupFileDeleter().Delete(backupPath, file);

        Assert.Null(error);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void LocalBackupFileDeleter_KeepsFileOutsideBackupPath()
    {
        var backupPath = Directory.CreateDirectory(Path.Combine(_folder, "Backup")).FullName;
        var outside = Path.Combine(_folder, "Orders_FULL_20261125200000.bak");
        File.WriteAllText(outside, "backup");

        var error = new LocalBackupFileDeleter().Delete(backupPath, Path.Combine(backupPath, "..", Path.GetFileName(outside)));

        Assert.NotNull(error);
        Assert.Contains("not under the instance default backup path", error, StringComparison.Ordinal);
        Assert.True(File.Exists(outside));
    }

    [Fact]
    public async Task FleetState_RecordedBackupShowsInProbe()
    {
        var state = BackupScheduleFleet.Load();
        var vmId = state.Hosts.Single().VmId;
        var source = new SimulatedDiscoverySource(state, vmId);
        var full = DateTimeOffset.Parse("2026-11-25T20:00:00Z");
        var log = DateTimeOffset.Parse("2026-11-25T20:05:00Z");

        Assert.True(state.RecordBackup(vmId, BackupScheduleFleet.Standalone, "Orders", isLogBackup: false, full));
        Assert.True(state.RecordBackup(vmId, BackupScheduleFleet.Standalone, "Orders", isLogBackup: true, log));
        Assert.False(state.RecordBackup(vmId, BackupScheduleFleet.Standalone, "Missing", isLogBackup: false, full));
        var location = new InstanceLocation { InstanceName = BackupScheduleFleet.Standalone };
        var database = await source.ProbeDatabaseAsync(location, new DatabaseEntry("Orders", "Online"), CancellationToken.None);

        Assert.Equal(full, database.LastFullBackup);
        Assert.Equal(log, database.LastLogBackup);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
