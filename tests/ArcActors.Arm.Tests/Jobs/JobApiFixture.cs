using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ArcActors.Arm.Auth;
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

    private TokenKey _key = null!;
    private HttpClient _http = null!;
    private HttpClient _readOnlyHttp = null!;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "arcactors-jobs-" + Guid.NewGuid().ToString("N"));

    public ReadStore Store { get; private set; } = null!;

    internal FakeJobCommands Commands { get; private set; } = null!;

    public ArmApi Api { get; private set; } = null!;

    public ArmApi ReadOnlyApi { get; private set; } = null!;

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
        _key = TokenKey.LoadOrCreate(Path.Combine(Folder, "api-token.key"));
        Api = ArmApi.Build(new ArmApiOptions
        {
            Store = Store,
            DataFolder = Folder,
            Authorizer = new ArmAuthorizer(_key, TimeProvider.System),
            Commands = Commands,
        });
        ReadOnlyApi = ArmApi.Build(new ArmApiOptions { Store = Store, DataFolder = Folder });
        await Api.StartAsync();
        await ReadOnlyApi.StartAsync();

        _http = new HttpClient(ArmApiFixture.TrustingHandler(Api.CertificateThumbprint)) { BaseAddress = Api.BaseAddress };
        _readOnlyHttp = new HttpClient(ArmApiFixture.TrustingHandler(ReadOnlyApi.CertificateThumbprint)) { BaseAddress = ReadOnlyApi.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _readOnlyHttp.Dispose();
        await Api.DisposeAsync();
        await ReadOnlyApi.DisposeAsync();
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

    /// <summary>The principal name a token for <paramref name="role"/> carries.</summary>
    public static string Principal(string role) => $"{role.ToLowerInvariant()}@example.test";

    /// <summary>
    /// Sends a request with a token for <paramref name="role"/> at <paramref name="scope"/> (the subscription by default) and
    /// returns the status, the parsed body (null when empty) and the Location header. A null <paramref name="body"/> sends no content.
    /// </summary>
    public async Task<JobResponse> SendAsync(HttpMethod method, string pathAndQuery, string role = "Contributor", string? body = null,
        string? scope = null, bool readOnlyApi = false)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (!readOnlyApi)
        {
            var token = ArmTokens.Issue(_key, Principal(role), role, scope ?? $"/subscriptions/{Scope.SubscriptionId}", TimeSpan.FromHours(1), TimeProvider.System);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await (readOnlyApi ? _readOnlyHttp : _http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new JobResponse((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject(), response.Headers.Location);
    }

    public Task<JobResponse> PostAsync(string instanceId, string action, string? body = null, string role = "Contributor", bool readOnlyApi = false) =>
        SendAsync(HttpMethod.Post, $"{instanceId}/{action}?api-version=2024-01-01", role, body, readOnlyApi: readOnlyApi);
}

/// <summary>A reply of the job routes: status, parsed body and Location header.</summary>
public sealed record JobResponse(int Status, JsonObject? Body, Uri? Location)
{
    public string? ErrorCode => Body?["error"]?["code"]?.GetValue<string>();

    public string ErrorMessage => Body?["error"]?["message"]?.GetValue<string>() ?? "";
}
