using System.Collections.Concurrent;
using ArcActors.Arm;
using ArcActors.ReadModel;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ArcActors.Tests.Postgres;

/// <summary>The ARM API over a PostgreSQL read store whose database is dropped while the API runs.</summary>
public sealed class PostgresReadStoreOutageTests : IDisposable
{
    private const string ProviderPath = "/subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077/providers/Microsoft.AzureArcData/sqlServerInstances?api-version=2024-01-01";

    private readonly string _folder = TestConfig.TempFolder("postgres-outage");

    [PostgresFact]
    public async Task ArmApi_DroppedPostgresDatabaseReturns503()
    {
        // Dispose drops the database with IF EXISTS, so the second call at the end of the test does nothing.
        using var database = PostgresDatabase.Create();
        using var store = ReadStore.OpenPostgres(database.ConnectionString);
        var logging = new RecordingLogging();
        await using var api = ArmApi.Build(new ArmApiOptions { Store = store, DataFolder = _folder, LoggerFactory = logging });
        await api.StartAsync();
        using var http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == api.CertificateThumbprint,
        }) { BaseAddress = api.BaseAddress };

        using var before = await http.GetAsync(ProviderPath);
        database.Dispose();
        using var during = await http.GetAsync(ProviderPath);

        Assert.Equal(200, (int)before.StatusCode);
        Assert.Equal(503, (int)during.StatusCode);
        Assert.NotNull(during.Headers.RetryAfter?.Delta);
        Assert.Contains("ServiceUnavailable", await during.Content.ReadAsStringAsync());
        var line = Assert.Single(logging.Errors);
        Assert.Contains("GET", line);
        Assert.Contains("/providers/Microsoft.AzureArcData/sqlServerInstances", line);
        Assert.Contains("read store is unavailable", line);
        Assert.DoesNotContain("Password", line, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class RecordingLogging : ILoggerFactory, ILogger
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Errors.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
