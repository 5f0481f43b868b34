using System.Text.Json.Nodes;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests;

/// <summary>Checks lists, paging and provider documents with a plain HttpClient.</summary>
public sealed class ArmListTests(ArmApiFixture fixture) : IClassFixture<ArmApiFixture>
{
    private static string Text(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public async Task ArmApi_TopSetsPageSizeAndNextLink()
    {
        var (status, body) = await fixture.GetAsync($"{InstanceId("SALES")}/databases?api-version=2024-01-01&$top=7");

        Assert.Equal(200, status);
        var values = body["value"]!.AsArray();
        Assert.Equal(7, values.Count);
        var nextLink = new Uri(Text(body["nextLink"]));
        Assert.Equal("https", nextLink.Scheme);
        Assert.Equal(fixture.Api.Port, nextLink.Port);
        var skipToken = System.Web.HttpUtility.ParseQueryString(nextLink.Query)["$skipToken"];
        Assert.Equal(Text(values[6]!["id"]), skipToken);
    }

    [Fact]
    public async Task ArmApi_NextLinksVisitEveryDatabaseOnce()
    {
        var ids = new List<string>();
        string? next = $"{InstanceId("SALES")}/databases?api-version=2024-01-01&$top=50";

        while (next is not null)
        {
            var (status, body) = await fixture.GetAsync(next);
            Assert.Equal(200, status);
            ids.AddRange(body["value"]!.AsArray().Select(value => Text(value!["id"])));
            next = body["nextLink"]?.GetValue<string>();
        }

        Assert.Equal(ArmApiFixture.SalesDatabaseCount, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ids, id => Assert.StartsWith(InstanceId("SALES") + "/databases/", id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ArmApi_DefaultPageHas100Resources()
    {
        var (_, body) = await fixture.GetAsync($"{InstanceId("HR")}/databases?api-version=2024-01-01");

        Assert.Equal(100, body["value"]!.AsArray().Count);
        Assert.NotNull(body["nextLink"]);
    }

    [Fact]
    public async Task ArmApi_TopIsCappedAt1000()
    {
        var (_, body) = await fixture.GetAsync($"{InstanceId("HR")}/databases?api-version=2024-01-01&$top=5000");

        Assert.Equal(1000, body["value"]!.AsArray().Count);
        Assert.NotNull(body["nextLink"]);
    }

    [Fact]
    public async Task ArmApi_LastPageHasNoNextLink()
    {
        var (_, body) = await fixture.GetAsync($"{InstanceId("SALES")}/availabilityGroups?api-version=2024-01-01");

        Assert.Single(body["value"]!.AsArray());
        Assert.Null(body["nextLink"]);
    }

    [Fact]
    public async Task ArmApi_InvalidTopReturns400()
    {
        var (status, body) = await fixture.GetAsync($"{InstanceId("SALES")}/databases?api-version=2024-01-01&$top=0");

        Assert.Equal(400, status);
        Assert.Equal("InvalidTopInQueryString", Text(body["error"]!["code"]));
    }

    [Fact]
    public async Task ArmApi_ListsInstancesByResourceGroup()
    {
        var (_, body) = await fixture.GetAsync($"{GroupId}/providers/Microsoft.AzureArcData/sqlServerInstances?api-version=2024-01-01");

        var ids = body["value"]!.AsArray().Select(value => Text(value!["id"])).ToList();
        Assert.Equal([InstanceId("HR"), InstanceId("SALES")], ids);
    }

    [Fact]
    public async Task ArmApi_ListsInstancesAndMachinesBySubscription()
    {
        var prefix = $"/subscriptions/{Scope.SubscriptionId}/providers";

        var (_, instances) = await fixture.GetAsync($"{prefix}/Microsoft.AzureArcData/sqlServerInstances?api-version=2024-01-01");
        var (_, machines) = await fixture.GetAsync($"{prefix}/Microsoft.HybridCompute/machines?api-version=2024-01-01");

        Assert.Equal(2, instances["value"]!.AsArray().Count);
        Assert.Equal(MachineId(), Text(machines["value"]!.AsArray().Single()!["id"]));
    }

    [Fact]
    public async Task ArmApi_ProviderDocumentListsTypesAndVersions()
    {
        var (status, body) = await fixture.GetAsync($"/subscriptions/{Scope.SubscriptionId}/providers/Microsoft.AzureArcData?api-version=2024-01-01");

        Assert.Equal(200, status);
        Assert.Equal("Registered", Text(body["registrationState"]));
        var types = body["resourceTypes"]!.AsArray();
        var databases = types.Single(type => Text(type!["resourceType"]) == "sqlServerInstances/databases")!;
        Assert.Contains("2024-01-01", databases["apiVersions"]!.AsArray().Select(Text));
        Assert.Contains("westeurope", databases["locations"]!.AsArray().Select(Text));
        var licenses = types.Single(type => Text(type!["resourceType"]) == "sqlServerLicenses")!;
        Assert.Contains("2026-01-01", licenses["apiVersions"]!.AsArray().Select(Text));
    }

    [Fact]
    public async Task ArmApi_HybridComputeProviderListsMachines()
    {
        var (_, body) = await fixture.GetAsync($"/subscriptions/{Scope.SubscriptionId}/providers/Microsoft.HybridCompute?api-version=2024-01-01");

        var types = body["resourceTypes"]!.AsArray().Select(type => Text(type!["resourceType"])).ToList();
        Assert.Equal(["machines"], types);
    }
}
