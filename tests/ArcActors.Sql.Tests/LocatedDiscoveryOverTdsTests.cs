using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Locators;
using ArcActors.Sql.Tests.Locators;
using ArcActors.Sql.Tests.Tds;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>
/// From a recorded mssql.conf to a snapshot: the Linux locator finds the instance on the configured
/// tcpport, and the discovery source probes it through the real driver at the TDS test endpoint.
/// </summary>
public sealed class LocatedDiscoveryOverTdsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("located-discovery-").FullName;

    [Fact]
    public async Task LocatedDiscovery_LinuxConfToSnapshot()
    {
        var fake = new FakeSqlServer { Databases = [new FakeDatabase("orders"), new FakeDatabase("O'Brien [eu] data")] };
        await using var server = fake.Start();
        var confPath = Path.Combine(_folder, "mssql.conf");
        File.WriteAllText(confPath, $"[network]\ntcpport = {server.Port}\n\n[filelocation]\ndefaultbackupdir = /var/opt/mssql/backup\n");
        var options = new LocatorOptions { HostName = "127.0.0.1", ConnectionTemplate = "User ID=arc;Password=secret;Encrypt=False;Pooling=False" };
        var locator = new LinuxInstanceLocator(new RecordedUnitReader(RecordedUnitReader.Running), options, confPath);
        var source = new SqlServerDiscoverySource(new SqlDiscoveryOptions { VmId = Guid.NewGuid(), MaxRetries = 0 }, locator: locator);

        var location = Assert.Single(await source.LocateInstancesAsync(CancellationToken.None));
        var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);

        Assert.Equal("MSSQLSERVER", location.InstanceName);
        Assert.Equal(server.Port, location.Port);
        Assert.False(location.IsServiceStopped);
        Assert.Equal(ProbeStatus.Ok, instance.Status);
        Assert.Equal(["O'Brien [eu] data", "orders"], instance.Databases.Select(database => database.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LocatedDiscovery_ConfiguredInstanceWinsOverLocated()
    {
        var confPath = Path.Combine(_folder, "mssql.conf");
        File.WriteAllText(confPath, "[network]\ntcpport = 1401\n");
        var locator = new LinuxInstanceLocator(new RecordedUnitReader(RecordedUnitReader.Running), new LocatorOptions { HostName = "sql-prod-01" }, confPath);
        var configured = new ConfiguredInstance("MSSQLSERVER", "Server=tcp:sql-prod-01,1433;Integrated Security=True");
        var source = new SqlServerDiscoverySource(new SqlDiscoveryOptions { VmId = Guid.NewGuid(), Instances = [configured] }, locator: locator);

        var location = Assert.Single(await source.LocateInstancesAsync(CancellationToken.None));

        Assert.Equal(configured.ConnectionString, location.ConnectionString);
    }

    [Fact]
    public async Task LocatedDiscovery_SecondHostSameNameNotManaged()
    {
        var locator = new ConfigurationInstanceLocator(["Data Source=sql-a;Integrated Security=True", "Data Source=sql-b;User ID=arc;Password=Hunter2!"]);
        var source = new SqlServerDiscoverySource(new SqlDiscoveryOptions { VmId = Guid.NewGuid() }, locator: locator);

        var locations = await source.LocateInstancesAsync(CancellationToken.None);

        Assert.Equal(2, locations.Count);
        Assert.Equal("", locations[0].UnsupportedReason);
        Assert.Contains("another instance named MSSQLSERVER", locations[1].UnsupportedReason, StringComparison.Ordinal);
        Assert.Contains("sql-b", locations[1].UnsupportedReason, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunter2!", locations[1].UnsupportedReason, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
