using System.Net;
using System.Net.Sockets;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Discovery;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class SqlServerDiscoverySourceTests
{
    private const string Password = "S3cr3t!Pa55";
    private static readonly Guid VmId = Guid.Parse("6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b");

    [Fact]
    public async Task SqlServerDiscoverySource_ClosedPortIsUnreachable()
    {
        var waits = new List<TimeSpan>();
        var source = SourceFor(ClosedLoopbackConnectionString(), waits);
        var location = (await source.LocateInstancesAsync(CancellationToken.None)).Single();

        var snapshot = await source.ProbeInstanceAsync(location, CancellationToken.None);

        Assert.Equal(ProbeStatus.Unreachable, snapshot.Status);
        Assert.Equal("MSSQLSERVER", snapshot.InstanceName);
        Assert.Contains("127.0.0.1", snapshot.StatusMessage);
        Assert.DoesNotContain(Password, snapshot.StatusMessage);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
    }

    [Fact]
    public async Task SqlServerDiscoverySource_UnreachableDatabaseGetsProbeError()
    {
        var source = SourceFor(ClosedLoopbackConnectionString(), [], maxRetries: 0);
        var location = (await source.LocateInstancesAsync(CancellationToken.None)).Single();

        var snapshot = await source.ProbeDatabaseAsync(location, new DatabaseEntry("sales", "Online"), CancellationToken.None);

        Assert.Equal("sales", snapshot.Name);
        Assert.Equal("Online", snapshot.State);
        Assert.Contains("unreachable", snapshot.ProbeError);
        Assert.DoesNotContain(Password, snapshot.ProbeError);
    }

    [Fact]
    public async Task SqlServerDiscoverySource_HashInNameIsUnsupported()
    {
        var options = OptionsWith([new ConfiguredInstance("SQL#1", "Server=127.0.0.1")]);
        var source = new SqlServerDiscoverySource(options);

        var location = (await source.LocateInstancesAsync(CancellationToken.None)).Single();
        var snapshot = await source.ProbeInstanceAsync(location, CancellationToken.None);

        Assert.Contains("'#'", location.UnsupportedReason);
        Assert.Equal(ProbeStatus.Failed, snapshot.Status);
        Assert.Equal(location.UnsupportedReason, snapshot.StatusMessage);
    }

    [Fact]
    public async Task SqlServerDiscoverySource_LocatesConfiguredInstances()
    {
        var options = OptionsWith(
        [
            new ConfiguredInstance("MSSQLSERVER", "Server=db1"),
            new ConfiguredInstance("SALES", "Server=db1\\SALES"),
        ]);
        var source = new SqlServerDiscoverySource(options);

        var locations = await source.LocateInstancesAsync(CancellationToken.None);

        Assert.Equal(["MSSQLSERVER", "SALES"], locations.Select(location => location.InstanceName));
        Assert.Equal("Server=db1\\SALES", locations[1].ConnectionString);
        Assert.All(locations, location => Assert.Equal("", location.UnsupportedReason));
        Assert.All(locations, location => Assert.False(location.IsLocalDb));
    }

    [Fact]
    public async Task SqlServerDiscoverySource_MachineReadsProcessorCount()
    {
        var options = OptionsWith([]) with { HostName = "sql-host-01", Manufacturer = "QEMU", Model = "Standard PC" };
        var source = new SqlServerDiscoverySource(options);

        var machine = await source.DescribeMachineAsync(CancellationToken.None);

        Assert.Equal(VmId, machine.VmId);
        Assert.Equal("sql-host-01", machine.HostName);
        Assert.Equal(Environment.ProcessorCount, machine.LogicalProcessors);
        Assert.Equal(Environment.ProcessorCount, machine.PhysicalCores);
        Assert.True(machine.IsVirtualMachine);
    }

    [Fact]
    public async Task SqlServerDiscoverySource_MachineKeepsConfiguredCores()
    {
        var options = OptionsWith([]) with
        {
            LogicalProcessors = 32,
            PhysicalCores = 16,
            Extension = new ExtensionSettings { LicenseType = "PAYG" },
        };
        var source = new SqlServerDiscoverySource(options);

        var machine = await source.DescribeMachineAsync(CancellationToken.None);

        Assert.Equal(32, machine.LogicalProcessors);
        Assert.Equal(16, machine.PhysicalCores);
        Assert.Equal("PAYG", machine.Extension.LicenseType);
    }

    [Fact]
    public void SqlServerDiscoverySource_ImplementsDiscoverySource()
    {
        Assert.IsAssignableFrom<IDiscoverySource>(new SqlServerDiscoverySource(OptionsWith([])));
    }

    private static SqlServerDiscoverySource SourceFor(string connectionString, List<TimeSpan> waits, int maxRetries = 3)
    {
        var options = OptionsWith([new ConfiguredInstance("MSSQLSERVER", connectionString)]) with
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            MaxRetries = maxRetries,
        };

        return new SqlServerDiscoverySource(options, delay: (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        });
    }

    private static SqlDiscoveryOptions OptionsWith(IReadOnlyList<ConfiguredInstance> instances) =>
        new() { VmId = VmId, Instances = instances };

    /// <summary>Returns a connection string to a loopback port that was just bound and released, so nothing listens there.</summary>
    private static string ClosedLoopbackConnectionString()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        return $"Server=tcp:127.0.0.1,{port};User ID=arc;Password={Password};Encrypt=False";
    }
}
