using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ArcActors.Arm;
using ArcActors.Arm.Auth;
using ArcActors.Node.Runtime;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;
using Xunit;

namespace ArcActors.Tests.Pipeline;

/// <summary>
/// A settings change through the extension route of a whole embedded node, with relay listeners on the simulated
/// hosts as <c>arcactors up</c> runs them: the Deploy job reaches the host, its deployer applies the settings, and
/// the machine's getJobsStatus shows the job Succeeded. The fleet lists master and msdb, because the least-privilege
/// plan grants in them and the simulated probe reports only the databases a fleet file lists.
/// </summary>
public sealed class ExtensionDeployApiTests : IAsyncLifetime
{
    private const string Subscription = "3b55f041-58d7-4307-b59a-c390da3fb077";
    private const string MachineId = $"/subscriptions/{Subscription}/resourceGroups/rg/providers/Microsoft.HybridCompute/machines/sql-paid";

    private static readonly string Fleet = $$"""
        subscriptionId: {{Subscription}}
        resourceGroup: rg
        start: 2026-11-30T00:00:00Z
        hosts:
          - name: sql-paid
            logicalProcessors: 4
            extension: { licenseType: Paid }
            instances:
              - name: SALES
                edition: Enterprise
                version: 16.0.4135.4
                databases:
                  - name: master
                  - name: msdb
                  - name: orders
        """;

    private string _folder = null!;
    private DataFolder _data = null!;
    private EmbeddedNode _node = null!;
    private FleetRelays _relays = null!;
    private FleetAgents _agents = null!;
    private ArmApi _api = null!;
    private HttpClient _http = null!;
    private TokenKey _key = null!;

    public async Task InitializeAsync()
    {
        _folder = TestConfig.TempFolder("extension-deploy");
        var fleetPath = Path.Combine(_folder, "fleet.yaml");
        await File.WriteAllTextAsync(fleetPath, Fleet);
        var fleet = FleetFile.Load(fleetPath);
        _data = DataFolder.Open(Path.Combine(_folder, "data"));
        _data.ClaimFor(fleet);
        _node = await EmbeddedNode.StartAsync(_data, TimeProvider.System, [], "WARNING");
        var state = new FleetState(fleet);
        await new ProviderSync(_node, fleet.SubscriptionId, TimeProvider.System).ApplyAsync(state.Providers);
        _agents = FleetAgents.Start(_node, fleet, state, TimeProvider.System, scheduleOwnCycles: false);

        // ApiNode starts no relay listeners, so this test starts them the way UpCommand does.
        _relays = FleetRelays.Start(_node, fleet, state, _data.Root, TimeSpan.FromMilliseconds(200), TimeProvider.System);

        _key = TokenKey.LoadOrCreate(Path.Combine(_folder, "api-token.key"));
        _api = ArmApi.Build(new ArmApiOptions
        {
            Store = _node.Store,
            DataFolder = _folder,
            Authorizer = new ArmAuthorizer(_key, TimeProvider.System),
            Commands = new AkkaArmCommands(_node.Dps, TimeProvider.System),
        });
        await _api.StartAsync();
        _http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _api.CertificateThumbprint,
        }) { BaseAddress = _api.BaseAddress };

        var cycles = await _agents.RunCycleAsync(TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Empty(cycles.SelectMany(cycle => cycle.Errors));
        await _node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
        await _relays.DisposeAsync();
        await _node.DisposeAsync();
        _data.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task PutExtension_LeastPrivilegeDeployJobSucceeds()
    {
        var (status, accepted) = await SendAsync(HttpMethod.Put, $"{MachineId}/extensions/WindowsAgent.SqlServer?api-version=2024-01-01",
            """{"properties": {"settings": {"LicenseType": "Paid", "FeatureFlags": [{"Name": "LeastPrivilege", "Enable": true}]}}}""");
        Assert.Equal(202, status);
        var jobId = accepted!["jobId"]!.GetValue<string>();

        var entry = await WaitForEndAsync(jobId, TimeSpan.FromSeconds(60));

        Assert.Equal("Deploy", entry["jobType"]!.GetValue<string>());
        Assert.True(entry["jobStatus"]!.GetValue<string>() == "Succeeded", $"the Deploy job did not succeed: {entry.ToJsonString()}");
        Assert.Equal("Update", entry["parameters"]!["operation"]!.GetValue<string>());
        Assert.Equal("contributor@example.test", entry["caller"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutExtension_DeployedLicenseTypeReportedByNextInventory()
    {
        var (status, accepted) = await SendAsync(HttpMethod.Put, $"{MachineId}/extensions/WindowsAgent.SqlServer?api-version=2024-01-01",
            """{"properties": {"settings": {"LicenseType": "PAYG", "ConsentToRecurringPAYG": {"Consented": true}}}}""");
        Assert.Equal(202, status);
        var entry = await WaitForEndAsync(accepted!["jobId"]!.GetValue<string>(), TimeSpan.FromSeconds(60));
        Assert.True(entry["jobStatus"]!.GetValue<string>() == "Succeeded", $"the Deploy job did not succeed: {entry.ToJsonString()}");

        var cycles = await _agents.RunCycleAsync(TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Empty(cycles.SelectMany(cycle => cycle.Errors));
        await _node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));
        var (getStatus, extension) = await SendAsync(HttpMethod.Get, $"{MachineId}/extensions/WindowsAgent.SqlServer?api-version=2024-01-01", "");

        Assert.Equal(200, getStatus);
        Assert.Equal("PAYG", extension!["properties"]!["settings"]!["LicenseType"]!.GetValue<string>());
        Assert.True(extension["properties"]!["settings"]!["ConsentToRecurringPAYG"]!["Consented"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PatchExtension_MergesOntoSettingsDeployedSinceInventory()
    {
        var path = $"{MachineId}/extensions/WindowsAgent.SqlServer?api-version=2024-01-01";
        var (_, first) = await SendAsync(HttpMethod.Patch, path, """{"properties": {"settings": {"enableExtendedSecurityUpdates": true}}}""");
        var firstEntry = await WaitForEndAsync(first!["jobId"]!.GetValue<string>(), TimeSpan.FromSeconds(60));
        Assert.True(firstEntry["jobStatus"]!.GetValue<string>() == "Succeeded", $"the first Deploy job did not succeed: {firstEntry.ToJsonString()}");

        var (status, second) = await SendAsync(HttpMethod.Patch, path, """{"properties": {"settings": {"FeatureFlags": [{"Name": "LeastPrivilege", "Enable": true}]}}}""");
        var (licenseOnlyStatus, _) = await SendAsync(HttpMethod.Patch, path, """{"properties": {"settings": {"LicenseType": "LicenseOnly"}}}""");

        Assert.Equal(202, status);
        var settings = JsonNode.Parse(second!["parameters"]!["settings"]!.GetValue<string>())!;
        Assert.True(settings["EnableExtendedSecurityUpdates"]!.GetValue<bool>());
        Assert.True(settings["FeatureFlags"]!["LeastPrivilege"]!.GetValue<bool>());
        Assert.True(licenseOnlyStatus is 400 or 409, $"LicenseOnly with ESU in force answered {licenseOnlyStatus}");
    }

    // Brings the projections up to date and lists the machine's jobs until the job has ended or the time is up.
    private async Task<JsonObject> WaitForEndAsync(string jobId, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            await _node.Dps.CatchUpAsync(TimeSpan.FromSeconds(30));
            var (status, list) = await SendAsync(HttpMethod.Post, $"{MachineId}/getJobsStatus?api-version=2024-01-01", "{}");
            Assert.Equal(200, status);
            var entry = list!["jobsStatus"]!.AsArray().Select(job => job!.AsObject()).SingleOrDefault(job => job["id"]!.GetValue<string>() == jobId);
            var state = entry?["jobStatus"]?.GetValue<string>();
            if (state is "Succeeded" or "Failed" or "TimedOut" or "Cancelled" || DateTimeOffset.UtcNow > deadline)
            {
                return entry ?? throw new Xunit.Sdk.XunitException($"job {jobId} is not listed for {MachineId}: {list.ToJsonString()}");
            }

            // Polling interval while the host pulls and runs the job; the deadline above bounds the loop.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task<(int Status, JsonObject? Body)> SendAsync(HttpMethod method, string pathAndQuery, string body)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        var token = ArmTokens.Issue(_key, "contributor@example.test", "Contributor", $"/subscriptions/{Subscription}", TimeSpan.FromHours(1), TimeProvider.System);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }
}
