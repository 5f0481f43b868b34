using System.Text;
using Akka.Actor;
using Akka.Configuration;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Serialization;
using Xunit;

namespace ArcActors.Tests.Contracts;

/// <summary>Settings events written before database backup policies existed must still read.</summary>
public sealed class InstanceSettingsCompatibilityTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("settings-compat", ConfigurationFactory.ParseString(SerializationConfig.Hocon));

    [Fact]
    public void InstanceSettings_OldEventReadsWithNoDatabasePolicies()
    {
        // The JSON shape of an InstanceSettingsChanged event persisted before DatabaseBackupPolicies was added.
        const string oldEvent = """
            {"Key":{"VmId":"0b5e4c9e-9a53-4a3b-9d43-3f1f6f0b2c11","InstanceName":"MSSQLSERVER"},"HostName":"db-east-02",
             "Scope":{"SubscriptionId":"00000000-0000-0000-0000-000000000001","ResourceGroup":"rg","Location":"eastus"},
             "At":"2026-11-30T00:00:00+00:00",
             "Settings":{"BackupPolicy":{"RetentionPeriodDays":7,"FullBackupDays":7,"DifferentialBackupHours":24,"TransactionLogBackupMinutes":5},"MonitoringEnabled":null},
             "Changes":[]}
            """;
        var serializer = (ArcActorsSerializer)_system.Serialization.FindSerializerForType(typeof(InstanceSettingsChanged));

        var read = (InstanceSettingsChanged)serializer.FromBinary(Encoding.UTF8.GetBytes(oldEvent), "ev-inst-set");

        Assert.Equal(7, read.Settings.BackupPolicy!.RetentionPeriodDays);
        Assert.NotNull(read.Settings.DatabaseBackupPolicies);
        Assert.Empty(read.Settings.DatabaseBackupPolicies);
    }

    [Fact]
    public void InstanceSettings_DefaultHasEmptyDatabasePolicies()
    {
        Assert.NotNull(InstanceSettings.Default.DatabaseBackupPolicies);
        Assert.Empty(InstanceSettings.Default.DatabaseBackupPolicies);
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
