using System.Text.Json.Nodes;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Licenses;

namespace ArcActors.ReadModel.Tests;

public class LicenseProjectionTests : IDisposable
{
    private const string Projection = "licenses";
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ResourceScope Scope = new("3b55f041-58d7-4307-b59a-c390da3fb077", "licenses-rg", "northeurope");
    private static readonly string LicenseId =
        "/subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077/resourceGroups/licenses-rg/providers/Microsoft.AzureArcData/sqlServerLicenses/core-pool";

    private readonly TempStore _temp;

    public LicenseProjectionTests()
        : this(StoreProvider.Sqlite)
    {
    }

    protected LicenseProjectionTests(StoreProvider provider) => _temp = new TempStore(provider);

    private ReadStore Store => _temp.Store;

    public void Dispose() => _temp.Dispose();

    [StoreFact]
    public void LicenseProjection_RendersWrittenLicense()
    {
        Store.ApplyBatch(Projection, [(1, Written(Created, 24, "Activated"))]);

        var license = Store.GetResource(LicenseId);

        Assert.NotNull(license);
        Assert.Equal(LicenseId, Text(license["id"]));
        Assert.Equal("core-pool", Text(license["name"]));
        Assert.Equal("Microsoft.AzureArcData/sqlServerLicenses", Text(license["type"]));
        Assert.Equal("northeurope", Text(license["location"]));
        Assert.Equal("dba", Text(license["tags"]!["team"]));
        Assert.Equal("alice", Text(license["systemData"]!["createdBy"]));
        Assert.Equal("bob", Text(license["systemData"]!["lastModifiedBy"]));
        Assert.Equal("PAYG", Text(license["properties"]!["billingPlan"]));
        Assert.Equal(24, license["properties"]!["physicalCores"]!.GetValue<int>());
        Assert.Equal("Core", Text(license["properties"]!["licenseCategory"]));
        Assert.Equal("Subscription", Text(license["properties"]!["scopeType"]));
        Assert.Equal("Activated", Text(license["properties"]!["activationState"]));
        Assert.Equal(ArmTime.Format(Created), Text(license["properties"]!["lastActivatedAt"]));
        Assert.Single(Store.ListResources(ResourceIds.LicenseType));
    }

    [StoreFact]
    public void LicenseProjection_ReplacesOnLaterWrite()
    {
        Store.ApplyBatch(Projection, [(1, Written(Created, 24, "Activated")), (2, Written(Created.AddHours(1), 48, "Activated"))]);

        var license = Store.GetResource(LicenseId)!;

        Assert.Equal(48, license["properties"]!["physicalCores"]!.GetValue<int>());
        Assert.Equal(ArmTime.Format(Created.AddHours(1)), Text(license["systemData"]!["lastModifiedAt"]));
        Assert.Equal(ArmTime.Format(Created), Text(license["systemData"]!["createdAt"]));
    }

    [StoreFact]
    public void LicenseProjection_DeletesLicense()
    {
        var change = new ResourceChange(LicenseIds.ResourceType, "core-pool", "delete", [], "carol");
        Store.ApplyBatch(Projection, [(1, Written(Created, 24, "Activated")), (2, new LicenseDeleted(Scope, "core-pool", Created.AddHours(2), "carol", [change]))]);

        Assert.Null(Store.GetResource(LicenseId));
        Assert.Empty(Store.ListResources(ResourceIds.LicenseType));
    }

    [StoreFact]
    public void LicenseProjection_WritesActivityWithCaller()
    {
        var change = new ResourceChange(LicenseIds.ResourceType, "core-pool", "delete", [], "carol");
        Store.ApplyBatch(Projection, [(1, Written(Created, 24, "Activated")), (2, new LicenseDeleted(Scope, "core-pool", Created.AddHours(2), "carol", [change]))]);

        var activity = Store.ListActivity();

        Assert.Equal(2, activity.Count);
        Assert.All(activity, row => Assert.Equal(LicenseId, row.ResourceId));
        Assert.Equal("Microsoft.AzureArcData/sqlServerLicenses/write", activity[0].Operation);
        Assert.Equal("bob", activity[0].Caller);
        Assert.Equal(new PropertyChange("physicalCores", "", "24"), Assert.Single(activity[0].Changes));
        Assert.Equal("Microsoft.AzureArcData/sqlServerLicenses/delete", activity[1].Operation);
        Assert.Equal("carol", activity[1].Caller);
    }

    [StoreFact]
    public void LicenseProjection_ReplayedBatchChangesNothing()
    {
        var batch = new List<(long, object)> { (1, Written(Created, 24, "Activated")) };
        Store.ApplyBatch(Projection, batch);
        var first = ArmJson.ToCompact(Store.GetResource(LicenseId));

        Store.ApplyBatch(Projection, batch);

        Assert.Equal(first, ArmJson.ToCompact(Store.GetResource(LicenseId)));
        Assert.Single(Store.ListActivity());
    }

    [StoreFact]
    public void ArmRenderer_LicenseOmitsEmptyTenantAndTimes()
    {
        var license = new LicenseResource(Scope, "core-pool", new Dictionary<string, string>(),
            new LicenseProperties("Paid", 16, "Core", "Tenant", "Deactivated"), Created, "alice", Created, "alice");

        var rendered = ArmRenderer.License(license);
        var properties = rendered["properties"]!.AsObject();

        Assert.False(properties.ContainsKey("tenantId"));
        Assert.Null(properties["lastActivatedAt"]);
        Assert.Null(properties["lastDeactivatedAt"]);
        Assert.Empty(rendered["tags"]!.AsObject());
    }

    private static LicenseWritten Written(DateTimeOffset at, int cores, string activationState)
    {
        var properties = new LicenseProperties("PAYG", cores, "Core", "Subscription", activationState, LastActivatedAt: Created);
        var change = new ResourceChange(LicenseIds.ResourceType, "core-pool", "write", [new PropertyChange("physicalCores", "", cores.ToString())], "bob");
        return new LicenseWritten(Scope, "core-pool", at, "bob", properties, new Dictionary<string, string> { ["team"] = "dba" }, Created, "alice", [change]);
    }

    private static string Text(JsonNode? node) => node!.GetValue<string>();
}
