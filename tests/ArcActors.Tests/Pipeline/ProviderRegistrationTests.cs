using System.Text.Json.Nodes;
using ArcActors.Contracts.Subscriptions;
using Xunit;
using static ArcActors.Tests.Pipeline.ApiNode;

namespace ArcActors.Tests.Pipeline;

/// <summary>
/// The field report "inventory silently disappears while Microsoft.AzureArcData is not registered", end to
/// end: the cloud side rejects the inventory, the machine says why, and registering through the API makes
/// the next cycle create the resources.
/// </summary>
public sealed class ProviderRegistrationTests : IAsyncLifetime
{
    private static readonly string Fleet = $$"""
        subscriptionId: {{Subscription}}
        resourceGroup: rg
        start: 2026-11-30T00:00:00Z
        providers:
          Microsoft.AzureArcData: NotRegistered
        hosts:
          - name: sql-01
            logicalProcessors: 4
            instances:
              - name: MSSQLSERVER
                edition: Enterprise
                version: 16.0.4135.4
                databases:
                  - { name: sales }
        """;

    private ApiNode _api = null!;

    public async Task InitializeAsync() => _api = await ApiNode.StartAsync(Fleet);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task UnregisteredProvider_RejectsThenRegistersThroughApi()
    {
        var firstCycle = await _api.CycleAsync();
        Assert.Contains(firstCycle, error => error.Contains(Providers.NotRegisteredCode, StringComparison.Ordinal));

        Assert.Empty((await _api.GetAsync(InstancesPath))["value"]!.AsArray());
        var extension = (await _api.GetAsync(MachinePath))["properties"]!["extensions"]![0]!["status"]!;
        Assert.Equal("Unhealthy", extension["displayStatus"]!.GetValue<string>());
        Assert.Contains(Providers.NotRegisteredCode, extension["message"]!.GetValue<string>());
        Assert.Equal("NotRegistered", (await _api.GetAsync(ProviderPath + "?api-version=2024-01-01"))["registrationState"]!.GetValue<string>());

        var (deniedStatus, _) = await _api.SendAsync(HttpMethod.Post, RegisterPath, "Reader");
        Assert.Equal(403, deniedStatus);
        var (status, registered) = await _api.SendAsync(HttpMethod.Post, RegisterPath, "Contributor");
        Assert.Equal(200, status);
        Assert.Equal("Registered", registered!["registrationState"]!.GetValue<string>());

        Assert.Empty(await _api.CycleAsync());
        Assert.Single((await _api.GetAsync(InstancesPath))["value"]!.AsArray());
        var healed = (await _api.GetAsync(MachinePath))["properties"]!["extensions"]![0]!["status"]!;
        Assert.Equal("Healthy", healed["displayStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnregisteredProvider_RefusesLicenseWrites()
    {
        var body = new JsonObject { ["location"] = "westeurope", ["properties"] = new JsonObject() }.ToJsonString();

        var (status, error) = await _api.SendAsync(HttpMethod.Put,
            $"{GroupPath}/providers/Microsoft.AzureArcData/sqlServerLicenses/lic1?api-version=2026-01-01", "Contributor", body);

        Assert.Equal(409, status);
        Assert.Equal("MissingSubscriptionRegistration", error!["error"]!["code"]!.GetValue<string>());
    }

    private static string RegisterPath => $"{ProviderPath}/register?api-version=2024-01-01";

    private static string InstancesPath => $"{ProviderPath}/sqlServerInstances?api-version=2024-01-01";

    private static string MachinePath => $"{GroupPath}/providers/Microsoft.HybridCompute/machines/sql-01?api-version=2024-01-01";
}
