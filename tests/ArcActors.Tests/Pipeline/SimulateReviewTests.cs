using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;
using ArcActors.ReadModel;
using Xunit;
using static ArcActors.Tests.Pipeline.ApiNode;

namespace ArcActors.Tests.Pipeline;

/// <summary>Resource names and ids from a second new-user review: the fleet parser's instance name rule and a database name with '/'.</summary>
public sealed class SimulateReviewTests
{
    [Theory]
    [InlineData("app", "MSSQLSERVER")]
    [InlineData("app", "mssqlserver")]
    [InlineData("app", "SALES")]
    [InlineData("APP_SALES", "MSSQLSERVER")]
    public void NameRules_InstanceResourceNameMatchesResourceIds(string host, string instance)
    {
        Assert.Equal(ResourceIds.InstanceName(host, instance), NameRules.InstanceResourceName(host, instance));
    }

    [Fact]
    public async Task Api_DatabaseNameWithSlashReadsBackAsOneResource()
    {
        await using var api = await ApiNode.StartAsync($$"""
            subscriptionId: {{Subscription}}
            resourceGroup: rg
            start: 2026-11-30T00:00:00Z
            hosts:
              - name: h1
                logicalProcessors: 4
                instances:
                  - name: MSSQLSERVER
                    edition: Standard
                    version: 16.0.4135.4
                    databases:
                      - { name: "to/ols" }
            """);
        Assert.Empty(await api.CycleAsync());
        var instanceId = ResourceIds.Instance(new ResourceScope(Subscription, "rg", "westeurope"), "h1", "MSSQLSERVER");
        var expectedId = ResourceIds.Database(instanceId, "to/ols");

        var plain = await api.GetAsync($"{expectedId}?api-version=2024-01-01");
        var escaped = await api.GetAsync($"{instanceId}/databases/to%2Fols?api-version=2024-01-01");
        var list = await api.GetAsync($"{instanceId}/databases?api-version=2024-01-01");

        Assert.EndsWith("/databases/to/ols", expectedId);
        Assert.Equal(expectedId, plain["id"]!.GetValue<string>());
        Assert.Equal(expectedId, escaped["id"]!.GetValue<string>());
        Assert.Equal(expectedId, Assert.Single(list["value"]!.AsArray())!["id"]!.GetValue<string>());
    }
}
