using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArcActors.ReadModel;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests;

/// <summary>
/// The API over a read store whose database goes away: it returns 503 ServiceUnavailable with
/// Retry-After and logs one line per failed request, while a bug still returns 500.
/// </summary>
public sealed class ReadStoreOutageTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "arcactors-arm-outage-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingLoggerFactory _logging = new();
    private ReadStore _store = null!;
    private ArmApi _api = null!;
    private HttpClient _http = null!;

    private string StorePath => Path.Combine(_folder, "read.db");

    private static string InstanceUrl => InstanceId("SALES") + "?api-version=2024-01-01";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _store = ReadStore.Open(StorePath);
        _store.ApplyBatch("inventory", Batch(1, MachineEvent(Start), InventoryEvent(Instance("SALES"), [Database("sales-0001")], Start)));
        _api = ArmApi.Build(new ArmApiOptions { Store = _store, DataFolder = _folder, LoggerFactory = _logging });
        await _api.StartAsync();
        _http = new HttpClient(ArmApiFixture.TrustingHandler(_api.CertificateThumbprint)) { BaseAddress = _api.BaseAddress };
    }

    [Fact]
    public async Task ArmApi_ReadStoreFileGoneReturns503()
    {
        using var before = await _http.GetAsync(InstanceUrl);
        ReplaceStoreFileWithFolder();

        using var response = await _http.GetAsync(InstanceUrl);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(200, (int)before.StatusCode);
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Equal("ServiceUnavailable", (string?)body!["error"]!["code"]);
        Assert.Contains("read store is unavailable", (string?)body["error"]!["message"]);
        var errors = _logging.Entries.Where(entry => entry.Level == LogLevel.Error).Select(entry => entry.Message).ToList();
        var line = Assert.Single(errors);
        Assert.Contains("GET", line);
        Assert.Contains(InstanceId("SALES"), line);
        Assert.Contains("503", line);
        Assert.Contains(nameof(SqliteException), line);
    }

    [Fact]
    public async Task ArmApi_ClosedReadStoreReturns503()
    {
        _store.Dispose();

        using var response = await _http.GetAsync(InstanceUrl);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Single(_logging.Entries, entry => entry.Level == LogLevel.Error && entry.Message.Contains("read store is unavailable"));
    }

    [Fact]
    public void ReadStoreFailure_BugIsNotStoreFailure()
    {
        var bug = Throw(() => throw new InvalidOperationException("a bug in the API"));

        Assert.False(ReadStoreFailure.IsStoreFailure(bug));
        Assert.False(ReadStoreFailure.IsStoreFailure(new TimeoutException("a timeout of our own")));
    }

    [Fact]
    public void ReadStoreFailure_DatabaseErrorsAreStoreFailures()
    {
        var sqlite = new SqliteException("unable to open database file", 14);
        var wrapped = new InvalidOperationException("the server is unreachable", new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432"));

        Assert.True(ReadStoreFailure.IsStoreFailure(sqlite));
        Assert.True(ReadStoreFailure.IsStoreFailure(wrapped));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // Closes the pooled connections, so the next request opens the path again and finds a folder there.
    private void ReplaceStoreFileWithFolder()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(StorePath + suffix);
        }

        Directory.CreateDirectory(StorePath);
    }

    private static Exception Throw(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            return exception;
        }

        throw new InvalidOperationException("the action threw nothing");
    }
}
