using System.Text.Json.Nodes;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.ReadModel;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Jobs;

/// <summary>
/// Two APIs over real HTTPS on one read store: one with bearer tokens and <see cref="FakeJobCommands"/>, one
/// read-only (no commands, no tokens). The store holds instance SALES on a PAYG host and instance ARCHIVE
/// on a LicenseOnly host.
/// </summary>
public sealed class JobApiFixture : IAsyncLifetime
{
    public const string LicenseOnlyHost = "sql-archive-02";
    public static readonly Guid LicenseOnlyVmId = Guid.Parse("5e2b7a44-0c1d-4f8e-b3a2-91d7c6e5f403");

    private ApiPair _apis = null!;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "arcactors-jobs-" + Guid.NewGuid().ToString("N"));

    public ReadStore Store { get; private set; } = null!;

    internal FakeJobCommands Commands { get; private set; } = null!;

    public ArmApi Api => _apis.Api;

    public ArmApi ReadOnlyApi => _apis.ReadOnlyApi;

    public static string SalesId => InstanceId("SALES");

    public static string ArchiveId => $"{GroupId}/providers/Microsoft.AzureArcData/sqlServerInstances/{LicenseOnlyHost}_ARCHIVE";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Store = ReadStore.Open(Path.Combine(Folder, "read.db"));
        var archiveMachine = Machine() with
        {
            VmId = LicenseOnlyVmId,
            HostName = LicenseOnlyHost,
            Extension = new ExtensionSettings { LicenseType = "LicenseOnly" },
        };
        Store.ApplyBatch("inventory", Batch(1,
            MachineEvent(Start),
            InventoryEvent(Instance("SALES"), [Database("sales")], Start),
            new MachineChanged(Scope, Start, archiveMachine, []),
            new InstanceInventoryChanged(new InstanceKey(LicenseOnlyVmId, "ARCHIVE"), LicenseOnlyHost, Scope, Start, Instance("ARCHIVE"), [], [], [])));

        Commands = new FakeJobCommands(Store);
        _apis = await ApiPair.StartAsync(Store, Commands, Folder);
    }

    public async Task DisposeAsync()
    {
        await _apis.DisposeAsync();
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

    /// <summary>Returns the principal name a token for <paramref name="role"/> carries.</summary>
    public static string Principal(string role) => ApiPair.Principal(role);

    /// <summary>Sends a request through the API with tokens, or the read-only one; see <see cref="ApiPair.SendAsync"/>.</summary>
    public Task<JobResponse> SendAsync(HttpMethod method, string pathAndQuery, string role = "Contributor", string? body = null,
        string? scope = null, bool readOnlyApi = false) =>
        _apis.SendAsync(method, pathAndQuery, role, body, scope, readOnlyApi);

    public Task<JobResponse> PostAsync(string instanceId, string action, string? body = null, string role = "Contributor", bool readOnlyApi = false) =>
        SendAsync(HttpMethod.Post, $"{instanceId}/{action}?api-version=2024-01-01", role, body, readOnlyApi: readOnlyApi);
}

/// <summary>A reply of the job routes: status, parsed body and Location header.</summary>
public sealed record JobResponse(int Status, JsonObject? Body, Uri? Location)
{
    public string? ErrorCode => Body?["error"]?["code"]?.GetValue<string>();

    public string ErrorMessage => Body?["error"]?["message"]?.GetValue<string>() ?? "";
}
