using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArcActors.ReadModel;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests;

/// <summary>
/// One API over real HTTPS on 127.0.0.1, with a generated certificate and a read store in a temporary
/// folder: instance SALES with <see cref="SalesDatabaseCount"/> databases and one availability group,
/// and instance HR with <see cref="HrDatabaseCount"/> databases, so lists span many pages.
/// </summary>
public sealed class ArmApiFixture : IAsyncLifetime
{
    public const int SalesDatabaseCount = 260;
    public const int HrDatabaseCount = 1240;
    public const string AvailabilityGroupName = "ag-sales";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "arcactors-arm-" + Guid.NewGuid().ToString("N"));

    public ReadStore Store { get; private set; } = null!;

    public ArmApi Api { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Store = ReadStore.Open(Path.Combine(Folder, "read.db"));

        var sales = Enumerable.Range(0, SalesDatabaseCount).Select(i => Database($"sales-{i:D4}")).ToList();
        var hr = Enumerable.Range(0, HrDatabaseCount).Select(i => Database($"hr-{i:D4}")).ToList();
        Store.ApplyBatch("inventory", Batch(1,
            MachineEvent(Start),
            InventoryEvent(Instance("SALES", AvailabilityGroup(AvailabilityGroupName)), sales, Start),
            InventoryEvent(Instance("HR"), hr, Start)));

        Api = ArmApi.Build(new ArmApiOptions
        {
            Store = Store,
            DataFolder = Folder,
            Locations = ["westeurope"],
        });
        await Api.StartAsync();

        Http = new HttpClient(TrustingHandler(Api.CertificateThumbprint)) { BaseAddress = Api.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // NOTE: a pooled SQLite handle released late can keep the file open, and then the folder stays behind.
        }
    }

    /// <summary>A handler that trusts only the server certificate with this thumbprint.</summary>
    public static HttpClientHandler TrustingHandler(string thumbprint) => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Equals(certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Sends GET to a path and query and returns the status and parsed JSON body.</summary>
    public async Task<(int Status, JsonObject Body)> GetAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(pathAndQuery);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return ((int)response.StatusCode, body!);
    }
}
