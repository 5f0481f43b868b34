using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests;

public sealed class ResourceIdsTests
{
    [Theory]
    [InlineData("MSSQLSERVER", "db-east-02")]
    [InlineData("mssqlserver", "db-east-02")]
    [InlineData("SQLEXPRESS", "db-east-02_SQLEXPRESS")]
    public void ResourceIds_InstanceNameRule(string instance, string expected)
    {
        Assert.Equal(expected, ResourceIds.InstanceName("db-east-02", instance));
    }

    [Fact]
    public void ResourceIds_DatabaseNameKeptVerbatim()
    {
        var id = ResourceIds.Database(ResourceIds.Instance(Scope, "db-east-02", "MSSQLSERVER"), "O'Brien [eu] data");

        Assert.Equal(
            $"/subscriptions/{Scope.SubscriptionId}/resourceGroups/field-scenarios/providers/Microsoft.AzureArcData/sqlServerInstances/db-east-02/databases/O'Brien [eu] data",
            id);
    }

    [Fact]
    public void ResourceIds_ChangeNamesMapToIds()
    {
        var database = ResourceIds.FromTypeAndName(Scope, "sqlServerInstances/databases", "sql-prod-01_SALES/a/b");
        var machine = ResourceIds.FromTypeAndName(Scope, "machines", "sql-prod-01");

        Assert.Equal(InstanceId() + "/databases/a/b", database);
        Assert.Equal(MachineId(), machine);
    }

    [Fact]
    public void ResourceIds_MachineAndLicense()
    {
        Assert.Equal(MachineId(), ResourceIds.Machine(Scope, Host));
        Assert.EndsWith("/providers/Microsoft.AzureArcData/sqlServerLicenses/lic-1", ResourceIds.License(Scope, "lic-1"));
    }
}
