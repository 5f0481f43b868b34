using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArcActors.Arm;
using ArcActors.Arm.Auth;
using ArcActors.Node.Runtime;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Tests.Pipeline;

/// <summary>
/// An embedded node on a fleet written from YAML text, with its host agents and the ARM API over real
/// HTTPS with bearer tokens, for tests that act through the API and then run inventory cycles.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    public const string Subscription = "3b55f041-58d7-4307-b59a-c390da3fb077";

    private readonly string _folder;
    private readonly DataFolder _data;
    private readonly HttpClient _http;
    private readonly TokenKey _key;

    private ApiNode(string folder, DataFolder data, EmbeddedNode node, FleetAgents agents, ArmApi api, TokenKey key)
    {
        _folder = folder;
        _data = data;
        Node = node;
        Agents = agents;
        Api = api;
        _key = key;
        _http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == api.CertificateThumbprint,
        }) { BaseAddress = api.BaseAddress };
    }

    public EmbeddedNode Node { get; }
    public FleetAgents Agents { get; }
    public ArmApi Api { get; }

    public static string ProviderPath => $"/subscriptions/{Subscription}/providers/Microsoft.AzureArcData";

    public static string GroupPath => $"/subscriptions/{Subscription}/resourceGroups/rg";

    public static async Task<ApiNode> StartAsync(string fleetYaml)
    {
        var folder = TestConfig.TempFolder("api-node");
        var fleetPath = Path.Combine(folder, "fleet.yaml");
        await File.WriteAllTextAsync(fleetPath, fleetYaml);
        var fleet = FleetFile.Load(fleetPath);
        var data = DataFolder.Open(Path.Combine(folder, "data"));
        data.ClaimFor(fleet);
        var node = await EmbeddedNode.StartAsync(data, TimeProvider.System, [], "WARNING");
        var state = new FleetState(fleet);
        await new ProviderSync(node, fleet.SubscriptionId, TimeProvider.System).ApplyAsync(state.Providers);
        var agents = FleetAgents.Start(node, fleet, state, TimeProvider.System, scheduleOwnCycles: false);

        var key = TokenKey.LoadOrCreate(Path.Combine(folder, "api-token.key"));
        var api = ArmApi.Build(new ArmApiOptions
        {
            Store = node.Store,
            DataFolder = folder,
            Locations = ["westeurope"],
            Authorizer = new ArmAuthorizer(key, TimeProvider.System),
            Commands = new AkkaArmCommands(node.Dps, TimeProvider.System),
        });
        await api.StartAsync();
        return new ApiNode(folder, data, node, agents, api, key);
    }

    /// <summary>Runs one inventory cycle on every host, applies the projections, and returns the cycle's errors.</summary>
    public async Task<IReadOnlyList<string>> CycleAsync()
    {
        var cycles = await Agents.RunCycleAsync(TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(1), CancellationToken.None);
        await Node.Dps.CatchUpAsync(TimeSpan.FromMinutes(1));
        return cycles.SelectMany(cycle => cycle.Errors).ToList();
    }

    /// <summary>The server certificate's thumbprint, for clients that trust only this certificate.</summary>
    public string Thumbprint => Api.CertificateThumbprint;

    public string Token(string role, string? scope = null) =>
        ArmTokens.Issue(_key, $"{role.Split(' ')[0].ToLowerInvariant()}@example.test", role, scope ?? $"/subscriptions/{Subscription}",
            TimeSpan.FromHours(1), TimeProvider.System);

    /// <summary>Sends a request with a bearer token for <paramref name="role"/>; <paramref name="body"/> is sent as raw text when given.</summary>
    /// <remarks>With a null <paramref name="role"/> the request carries no token; <paramref name="scope"/> narrows the token's scope.</remarks>
    public async Task<(int Status, JsonObject? Body)> SendAsync(HttpMethod method, string pathAndQuery, string? role, string? body = null,
        string contentType = "application/json", string? scope = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, scope));
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }

    public async Task<JsonObject> GetAsync(string pathAndQuery, string role = "Reader")
    {
        var (status, body) = await SendAsync(HttpMethod.Get, pathAndQuery, role);
        return status == 200 ? body! : throw new InvalidOperationException($"GET {pathAndQuery} returned {status}: {body?.ToJsonString()}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Api.DisposeAsync();
        await Node.DisposeAsync();
        _data.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
