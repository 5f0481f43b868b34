using System.Text.Json.Nodes;
using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests;

public sealed class ArmRendererTests
{
    private static readonly ResourceTimes Times = new(Start, Start.AddHours(1));

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    [Theory]
    [InlineData("0", "")]
    [InlineData("", "")]
    [InlineData(" 0 ", "")]
    [InlineData("1433", "1433")]
    [InlineData("0,49731", "49731")]
    public void ArmRenderer_PortZeroRenderedEmpty(string reported, string expected)
    {
        var instance = ArmRenderer.Instance(Scope, Host, Instance(staticPorts: reported, dynamicPorts: reported), Machine(), Times, null, null);

        Assert.Equal(expected, Text(instance["properties"]!["tcpStaticPorts"]));
        Assert.Equal(expected, Text(instance["properties"]!["tcpDynamicPorts"]));
    }

    [Fact]
    public void ArmRenderer_InstanceEnvelopeAndProperties()
    {
        var instance = ArmRenderer.Instance(Scope, Host, Instance(), Machine(licenseType: "Paid"), Times, Start.AddMinutes(30), null);
        var properties = instance["properties"]!.AsObject();

        Assert.Equal(["id", "name", "type", "location", "tags", "systemData", "properties"], instance.Select(pair => pair.Key));
        Assert.Equal("Microsoft.AzureArcData/sqlServerInstances", Text(instance["type"]));
        Assert.Equal("westeurope", Text(instance["location"]));
        Assert.Equal("arcactors", Text(instance["systemData"]!["createdBy"]));
        Assert.Equal("Application", Text(instance["systemData"]!["lastModifiedByType"]));
        Assert.Equal("2026-11-30T01:00:00Z", Text(instance["systemData"]!["lastModifiedAt"]));
        Assert.Equal("Connected", Text(properties["status"]));
        Assert.Equal("Succeeded", Text(properties["provisioningState"]));
        Assert.Equal("Standard", Text(properties["edition"]));
        Assert.Equal("Paid", Text(properties["licenseType"]));
        Assert.Equal("Virtual Machine", Text(properties["hostType"]));
        Assert.Equal("2026-11-30T00:30:00Z", Text(properties["lastInventoryUploadTime"]));
        Assert.Null(properties["lastUsageUploadTime"]);
        Assert.Null(properties["backupPolicy"]);
        Assert.True(properties["monitoring"]!["enabled"]!.GetValue<bool>());
        Assert.False(properties.ContainsKey("failoverCluster"));
    }

    [Fact]
    public void ArmRenderer_MonitoringOffForLicenseOnly()
    {
        var instance = ArmRenderer.Instance(Scope, Host, Instance(), Machine(licenseType: "LicenseOnly"), Times, null, null);

        Assert.False(instance["properties"]!["monitoring"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void ArmRenderer_MachineDetectedProperties()
    {
        var machine = ArmRenderer.Machine(Scope, Machine(logicalProcessors: 8), Times);

        Assert.Equal(MachineId(), Text(machine["id"]));
        Assert.Equal("Microsoft.HybridCompute/machines", Text(machine["type"]));
        Assert.Equal(VmId.ToString("D"), Text(machine["properties"]!["vmId"]));
        Assert.Equal("VMware, Inc.", Text(machine["properties"]!["detectedProperties"]!["manufacturer"]));
        Assert.Equal("8", Text(machine["properties"]!["detectedProperties"]!["logicalCoreCount"]));
    }

    [Fact]
    public void ArmRenderer_DatabaseBackupAndOptions()
    {
        var snapshot = Database("orders") with { LastFullBackup = Start.AddHours(-2).AddMilliseconds(883) };
        var database = ArmRenderer.Database(Scope, InstanceId(), snapshot, Times, Start);
        var properties = database["properties"]!;

        Assert.Equal(InstanceId() + "/databases/orders", Text(database["id"]));
        Assert.Equal("2026-11-29T22:00:00.883Z", Text(properties["backupInformation"]!["lastFullBackup"]));
        Assert.Null(properties["backupInformation"]!["lastLogBackup"]);
        Assert.Equal(160, properties["compatibilityLevel"]!.GetValue<int>());
        Assert.True(properties["databaseOptions"]!["isAutoCreateStatsOn"]!.GetValue<bool>());
        Assert.Equal("2026-11-30T00:00:00Z", Text(properties["lastDatabaseUploadTime"]));
    }

    [Fact]
    public void ArmTime_FormatsUtcWithZ()
    {
        var local = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal("2026-11-30T05:00:00Z", ArmTime.Format(local));
        Assert.Equal("2026-11-30T05:00:00.5Z", ArmTime.Format(local.AddMilliseconds(500)));
    }
}
