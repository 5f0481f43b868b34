using System.Text.Json;
using System.Text.Json.Nodes;
using ArcActors.Contracts.Inventory;
using ArcActors.ReadModel;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>
/// Validates resources rendered from snapshots that the simulated fleets never produce (a database whose
/// details could not be read, an unreachable instance, an unknown machine, a failover cluster instance,
/// a fully described availability group) against the Arc data spec.
/// </summary>
public sealed class RendererSchemaTests
{
    private static readonly SwaggerDocuments Documents = new(ArmResourceSchemas.SpecFolder);
    private static readonly ResourceTimes Times = new(Start, Start.AddHours(3));

    [Fact]
    public void ArmRenderer_DatabaseWithProbeErrorMatchesSpec()
    {
        var database = new DatabaseSnapshot { Name = "locked", State = "Suspect", ProbeError = "permission denied" };

        var errors = Validate(ArmRenderer.Database(Scope, InstanceId("SALES"), database, Times, null));

        Assert.Empty(errors);
    }

    [Fact]
    public void ArmRenderer_DatabaseWithBackupsMatchesSpec()
    {
        var database = Database("orders") with
        {
            DatabaseCreationDate = Start.AddDays(-30),
            RecoveryMode = "Bulk-logged",
            LastFullBackup = Start.AddHours(-20),
            LastLogBackup = Start.AddMinutes(-5),
            SpaceAvailableMB = 12.5,
        };

        var errors = Validate(ArmRenderer.Database(Scope, InstanceId("SALES"), database, Times, Start.AddHours(1)));

        Assert.Empty(errors);
    }

    [Fact]
    public void ArmRenderer_UnreachableInstanceOnUnknownMachineMatchesSpec()
    {
        var instance = Instance("SALES") with { Edition = "", CurrentVersion = "", Status = ProbeStatus.Unreachable };

        var errors = Validate(ArmRenderer.Instance(Scope, HostName, instance, null, Times, null, null));

        Assert.Empty(errors);
    }

    [Fact]
    public void ArmRenderer_FailoverClusterInstanceMatchesSpec()
    {
        var instance = Instance("FCI") with
        {
            IsClustered = true,
            AlwaysOnRole = "FailoverClusterInstance",
            FailoverCluster = new FailoverClusterInfo("sqlfci-net", ["node-a", "node-b"], "node-a"),
        };

        var errors = Validate(ArmRenderer.Instance(Scope, HostName, instance, Machine(), Times, Start.AddHours(1), Start.AddHours(2)));

        Assert.Empty(errors);
    }

    [Fact]
    public void ArmRenderer_AvailabilityGroupWithReplicasMatchesSpec()
    {
        var group = AvailabilityGroup("ag-sales") with
        {
            Replicas =
            [
                new("sql-prod-01", "PRIMARY", "SYNCHRONOUS_COMMIT", "AUTOMATIC", "NO", "HEALTHY", "CONNECTED"),
                new("sql-prod-02", "SECONDARY", "ASYNCHRONOUS_COMMIT", "MANUAL", "ALL", "PARTIALLY_HEALTHY", "DISCONNECTED"),
            ],
            Databases = [new("orders", "sql-prod-01", true, true, "SYNCHRONIZED", "HEALTHY", "ONLINE", false)],
        };

        var errors = Validate(ArmRenderer.AvailabilityGroup(Scope, HostName, "SALES", group, Times, Start.AddHours(1)));

        Assert.Empty(errors);
    }

    [Fact]
    public void ArmRenderer_MachineMatchesTrackedResource()
    {
        var errors = Validate(ArmRenderer.Machine(Scope, Machine(), Times));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Activated")]
    [InlineData("Deactivated")]
    public void ArmRenderer_LicenseMatchesSpec(string activationState)
    {
        var properties = new ArcActors.Contracts.Licenses.LicenseProperties("PAYG", 32, "Core", "ResourceGroup", activationState,
            LastActivatedAt: Start, LastDeactivatedAt: activationState == "Deactivated" ? Start.AddHours(2) : null);
        var license = new ArcActors.Contracts.Licenses.LicenseResource(Scope, "datacenter-east", new Dictionary<string, string> { ["owner"] = "dba" },
            properties, Start, "ops@example.test", Start.AddHours(2), "ops@example.test");

        var errors = Validate(ArmRenderer.License(license));

        Assert.Empty(errors);
    }

    [Fact]
    public void ArmRenderer_InstanceWithBackupPolicyMatchesSpec()
    {
        var settings = new InstanceSettings(new BackupPolicy(14, 7, 12, 15), false);

        var errors = Validate(ArmRenderer.Instance(Scope, HostName, Instance("SALES"), null, Times, Start, Start, settings));

        Assert.Empty(errors);
    }

    private static List<string> Validate(JsonObject resource)
    {
        var schema = ArmResourceSchemas.Find(resource["type"]!.GetValue<string>())!;
        var definition = Documents.Definition(schema.SpecFile, schema.Definition);
        var report = new SwaggerValidator(Documents).Validate(JsonSerializer.SerializeToElement(resource), definition);
        return report.Errors.Select(error => error.ToString()).ToList();
    }
}
