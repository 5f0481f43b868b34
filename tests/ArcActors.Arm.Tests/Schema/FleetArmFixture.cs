using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArcActors.Node.Commands;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>
/// Simulates each fleet of <see cref="Fleets"/> for 24 hours into its own read store, serves the store with
/// the ARM API over HTTPS on 127.0.0.1 with a generated certificate, and reads every resource through the
/// API: the subscription's generic <c>/resources</c> list, page by page along nextLink, then a GET of each id.
/// </summary>
public sealed class FleetArmFixture : IAsyncLifetime
{
    public const int SimulatedHours = 24;

    /// <summary>
    /// field-scenarios covers the reported field problems. It has no availability group, so sample adds
    /// one, with a failover in the middle of the run.
    /// </summary>
    public static readonly IReadOnlyList<string> Fleets = ["field-scenarios.yaml", "sample.yaml"];

    // Smaller than each fleet's resource count, so every list spans several pages.
    private const int PageSize = 10;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "arcactors-arm-schema-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyList<FleetResources> Results { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var results = new List<FleetResources>();
        foreach (var fleet in Fleets)
        {
            results.Add(await ReadFleetAsync(fleet));
        }

        Results = results;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // NOTE: a pooled SQLite handle released late can keep the file open, and then the folder stays behind.
        }

        return Task.CompletedTask;
    }

    private async Task<FleetResources> ReadFleetAsync(string fleet)
    {
        var fleetPath = Path.Combine(AppContext.BaseDirectory, "fleets", fleet);
        var fleetFolder = Path.Combine(Folder, Path.GetFileNameWithoutExtension(fleet));
        var dataFolder = Path.Combine(fleetFolder, "data");
        var output = new StringWriter();
        var exitCode = await SimulateCommand.RunAsync(
            new SimulateCommand.Options(fleetPath, SimulatedHours, Path.Combine(fleetFolder, "out"), dataFolder, Verbose: false), output);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"simulate of {fleetPath} exited with {exitCode}: {output}");
        }

        AddLicense(Path.Combine(dataFolder, "readstore.db"), FleetFile.Load(fleetPath));
        await using var api = ArmApi.Build(new ArmApiOptions
        {
            ReadStorePath = Path.Combine(dataFolder, "readstore.db"),
            DataFolder = Path.Combine(fleetFolder, "api"),
            Locations = ["westeurope"],
        });
        await api.StartAsync();

        using var http = new HttpClient(ArmApiFixture.TrustingHandler(api.CertificateThumbprint)) { BaseAddress = api.BaseAddress };
        var subscriptionId = FleetFile.Load(fleetPath).SubscriptionId;
        var (listed, pageCount) = await ListAllAsync(http, $"/subscriptions/{subscriptionId}/resources?api-version={ArmApiVersions.ResourceManager[0]}&$top={PageSize}");
        var fetched = await GetEachAsync(http, listed);
        return new FleetResources(fleet, listed, pageCount, fetched);
    }

    // Simulations write no licenses, so the fixture projects one license event into the store, as the API's writes do.
    private static void AddLicense(string readStorePath, ArcActors.Simulation.Fleets.Fleet fleet)
    {
        var scope = new ArcActors.Contracts.Ingress.ResourceScope(fleet.SubscriptionId.ToString("D"), fleet.ResourceGroup, fleet.Location);
        var at = fleet.Start.AddHours(1);
        var properties = new ArcActors.Contracts.Licenses.LicenseProperties("PAYG", 64, "Core", "ResourceGroup", "Activated", LastActivatedAt: at);
        var change = new ArcActors.Contracts.Events.ResourceChange(ArcActors.Contracts.Licenses.LicenseIds.ResourceType, "host-pool", "write", [], "ops@example.test");
        var written = new ArcActors.Contracts.Licenses.LicenseWritten(scope, "host-pool", at, "ops@example.test", properties,
            new Dictionary<string, string>(), at, "ops@example.test", [change]);
        using var store = ArcActors.ReadModel.ReadStore.Open(readStorePath);
        store.ApplyBatch("licenses", [(1L, (object)written)]);
    }

    private static async Task<(List<JsonObject> Resources, int PageCount)> ListAllAsync(HttpClient http, string firstPage)
    {
        var resources = new List<JsonObject>();
        var pageCount = 0;
        string? next = firstPage;
        while (next is not null)
        {
            using var response = await http.GetAsync(next);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>()
                ?? throw new InvalidDataException($"GET {next} returned an empty body.");
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {next} returned {(int)response.StatusCode}: {body.ToJsonString()}");
            }

            resources.AddRange(body["value"]!.AsArray().Select(value => value!.AsObject()));
            next = body["nextLink"]?.GetValue<string>();
            pageCount++;
        }

        return (resources, pageCount);
    }

    private static async Task<Dictionary<string, ResourceResponse>> GetEachAsync(HttpClient http, IReadOnlyList<JsonObject> listed)
    {
        var responses = new Dictionary<string, ResourceResponse>(StringComparer.Ordinal);
        foreach (var resource in listed)
        {
            var id = resource["id"]!.GetValue<string>();
            var type = resource["type"]!.GetValue<string>();
            var apiVersion = ArmResourceSchemas.Find(type)?.ApiVersion ?? ArmResourceTypes.ApiVersion;

            // Each segment is escaped on its own, because database names may contain spaces, quotes or non-ASCII letters.
            var path = string.Join('/', id.Split('/').Select(Uri.EscapeDataString));
            using var response = await http.GetAsync($"{path}?api-version={apiVersion}");
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            responses[id] = new ResourceResponse((int)response.StatusCode, body);
        }

        return responses;
    }
}
