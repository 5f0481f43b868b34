using ArcActors.Contracts;
using ArcActors.Sql.Locators;
using Xunit;

namespace ArcActors.Sql.Tests.Locators;

public sealed class WindowsInstanceLocatorTests
{
    private const string Host = "sql-prod-01";

    [Fact]
    public async Task WindowsLocator_DefaultInstanceOn1433()
    {
        var registry = new RecordedRegistry().WithInstance("MSSQLSERVER", "MSSQL16.MSSQLSERVER", "1433", "");

        var instance = Assert.Single(await LocateAsync(registry));

        Assert.Equal("MSSQLSERVER", instance.InstanceName);
        Assert.Equal(1433, instance.Port);
        Assert.Equal("sql-prod-01,1433", instance.DataSource);
        Assert.False(instance.RequiresSqlBrowser);
        Assert.Equal("", instance.UnsupportedReason);
    }

    [Fact]
    public async Task WindowsLocator_StaticPortNeedsNoBrowser()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "1533", "");
        var browserReads = 0;

        var instance = Assert.Single(await LocateAsync(registry, _ =>
        {
            browserReads++;
            return Task.FromResult(ServiceState.Stopped);
        }));

        Assert.Equal(1533, instance.Port);
        Assert.Equal("sql-prod-01,1533", instance.DataSource);
        Assert.False(instance.RequiresSqlBrowser);
        Assert.Equal("", instance.Warning);
        Assert.Equal(0, browserReads);
    }

    [Fact]
    public async Task WindowsLocator_DynamicPort49731()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "", "49731");

        var instance = Assert.Single(await LocateAsync(registry));

        Assert.Equal(49731, instance.Port);
        Assert.Equal("sql-prod-01,49731", instance.DataSource);
        Assert.Empty(instance.StaticPorts);
        Assert.Equal([49731], instance.DynamicPorts);
        Assert.False(instance.RequiresSqlBrowser);
    }

    [Fact]
    public async Task WindowsLocator_StaticPortWinsOverDynamic()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "1533", "49731");

        var instance = Assert.Single(await LocateAsync(registry));

        Assert.Equal(1533, instance.Port);
        Assert.Equal([1533], instance.StaticPorts);
        Assert.Equal([49731], instance.DynamicPorts);
    }

    [Fact]
    public async Task WindowsLocator_ZeroPortUsesBrowser()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "0", "");

        var instance = Assert.Single(await LocateAsync(registry));

        Assert.Null(instance.Port);
        Assert.Equal(@"sql-prod-01\SALES", instance.DataSource);
        Assert.True(instance.RequiresSqlBrowser);
        Assert.Empty(instance.StaticPorts);
        Assert.Empty(instance.DynamicPorts);
        Assert.Contains("UDP 1434", instance.Warning);
    }

    [Fact]
    public async Task WindowsLocator_NoPortBrowserStoppedWarns()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "0", "");

        var instance = Assert.Single(await LocateAsync(registry, _ => Task.FromResult(ServiceState.Stopped)));

        Assert.True(instance.RequiresSqlBrowser);
        Assert.Contains("SQL Server Browser is stopped", instance.Warning);
        Assert.Contains("start the SQLBrowser service", instance.Warning);
    }

    [Fact]
    public async Task WindowsLocator_NoPortBrowserRunningNoWarning()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "", "");

        var instance = Assert.Single(await LocateAsync(registry, _ => Task.FromResult(ServiceState.Running)));

        Assert.True(instance.RequiresSqlBrowser);
        Assert.Equal("", instance.Warning);
    }

    [Fact]
    public async Task WindowsLocator_DefaultInstanceWithoutPortUsesHost()
    {
        var registry = new RecordedRegistry().WithInstance("MSSQLSERVER", "MSSQL16.MSSQLSERVER", "", "0");

        var instance = Assert.Single(await LocateAsync(registry));

        Assert.Null(instance.Port);
        Assert.Equal("sql-prod-01", instance.DataSource);
        Assert.False(instance.RequiresSqlBrowser);
    }

    [Fact]
    public async Task WindowsLocator_MultipleStaticPorts()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "1533, 1534", "");

        var instance = Assert.Single(await LocateAsync(registry));

        Assert.Equal([1533, 1534], instance.StaticPorts);
        Assert.Equal(1533, instance.Port);
        Assert.Equal("sql-prod-01,1533", instance.DataSource);
    }

    [Fact]
    public async Task WindowsLocator_InvalidPortWarns()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "15x3", "");

        var instance = Assert.Single(await LocateAsync(registry, _ => Task.FromResult(ServiceState.Running)));

        Assert.Null(instance.Port);
        Assert.Contains("'15x3'", instance.Warning);
        Assert.Contains(@"MSSQL16.SALES\MSSQLServer\SuperSocketNetLib\Tcp\IPAll", instance.Warning);
    }

    [Fact]
    public async Task WindowsLocator_HashNameReportedUnsupported()
    {
        var registry = new RecordedRegistry()
            .WithInstance("SALES#EU", "MSSQL16.SALES#EU", "1533", "")
            .WithInstance("MSSQLSERVER", "MSSQL16.MSSQLSERVER", "1433", "");

        var located = await LocateAsync(registry);

        Assert.Equal(2, located.Count);
        var hashed = Assert.Single(located, instance => instance.InstanceName == "SALES#EU");
        Assert.Equal(NameRules.SqlNameError("instance", "SALES#EU"), hashed.UnsupportedReason);
        Assert.Contains("'#'", hashed.UnsupportedReason);
        Assert.Equal(1533, hashed.Port);
    }

    [Fact]
    public async Task WindowsLocator_ReadsBackupDirectory()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "1533", "", @"D:\Backup\SALES");

        var instance = Assert.Single(await LocateAsync(registry));

        Assert.Equal(@"D:\Backup\SALES", instance.BackupDirectory);
    }

    [Fact]
    public async Task WindowsLocator_LocalDbMarked()
    {
        var registry = new RecordedRegistry().WithSubKey(WindowsInstanceLocator.LocalDbVersionsKey, "16.0");

        var instance = Assert.Single(await LocateAsync(registry));

        Assert.True(instance.IsLocalDb);
        Assert.Equal("MSSQLLocalDB", instance.InstanceName);
        Assert.Equal(@"(localdb)\MSSQLLocalDB", instance.DataSource);
        Assert.True(instance.ToInstanceLocation().IsLocalDb);
    }

    [Fact]
    public async Task WindowsLocator_NoSqlServerReturnsNone()
    {
        Assert.Empty(await LocateAsync(new RecordedRegistry()));
    }

    [Fact]
    public async Task WindowsLocator_FullyQualifiedHost()
    {
        var registry = new RecordedRegistry().WithInstance("SALES", "MSSQL16.SALES", "", "49731");
        var locator = new WindowsInstanceLocator(registry, new LocatorOptions { HostName = "sql-prod-01.corp.example" });

        var instance = Assert.Single(await locator.LocateAsync(CancellationToken.None));

        Assert.Equal("sql-prod-01.corp.example", instance.HostName);
        Assert.Equal("sql-prod-01.corp.example,49731", instance.DataSource);
    }

    [Fact]
    public async Task WindowsLocator_ToInstanceLocationCarriesFields()
    {
        var registry = new RecordedRegistry().WithInstance("SALES#EU", "MSSQL16.SALES#EU", "1533", "");

        var instance = Assert.Single(await LocateAsync(registry));
        var location = instance.ToInstanceLocation();

        Assert.Equal("SALES#EU", location.InstanceName);
        Assert.Equal(instance.ConnectionString, location.ConnectionString);
        Assert.Equal(instance.UnsupportedReason, location.UnsupportedReason);
        Assert.False(location.IsLocalDb);
    }

    private static Task<IReadOnlyList<LocatedInstance>> LocateAsync(
        RecordedRegistry registry,
        Func<CancellationToken, Task<ServiceState>>? readSqlBrowserState = null)
    {
        var locator = new WindowsInstanceLocator(registry, new LocatorOptions { HostName = Host }, readSqlBrowserState);
        return locator.LocateAsync(CancellationToken.None);
    }
}
