using ArcActors.Contracts;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Locators;
using Xunit;

namespace ArcActors.Sql.Tests.Locators;

public sealed class ConfigurationInstanceLocatorTests
{
    [Theory]
    [InlineData(@"Data Source=sql-prod-01\SALES;Integrated Security=True", "sql-prod-01", "SALES", null)]
    [InlineData(@"Server=tcp:sql-prod-01.corp.example\SALES,1533;User ID=arc;Password=x", "sql-prod-01.corp.example", "SALES", 1533)]
    [InlineData("Server=tcp:sql-prod-01,1433;Integrated Security=True", "sql-prod-01", "MSSQLSERVER", 1433)]
    [InlineData("Data Source=sql-prod-01.corp.example;Integrated Security=True", "sql-prod-01.corp.example", "MSSQLSERVER", null)]
    [InlineData(@"Data Source=np:\\sql-prod-01\pipe\MSSQL$SALES\sql\query;Integrated Security=True", "sql-prod-01", "SALES", null)]
    [InlineData(@"Data Source=np:\\sql-prod-01\pipe\sql\query;Integrated Security=True", "sql-prod-01", "MSSQLSERVER", null)]
    public async Task ConfigurationLocator_ReadsDataSource(string connectionString, string host, string instanceName, int? port)
    {
        var instance = Assert.Single(await LocateAsync(connectionString));

        Assert.Equal(host, instance.HostName);
        Assert.Equal(instanceName, instance.InstanceName);
        Assert.Equal(port, instance.Port);
        Assert.Equal(connectionString, instance.ConnectionString);
        Assert.False(instance.IsLocalDb);
    }

    [Fact]
    public async Task ConfigurationLocator_NamedWithoutPortNeedsBrowser()
    {
        var instance = Assert.Single(await LocateAsync(@"Data Source=sql-prod-01\SALES;Integrated Security=True"));

        Assert.True(instance.RequiresSqlBrowser);
        Assert.Equal(@"sql-prod-01\SALES", instance.DataSource);
    }

    [Fact]
    public async Task ConfigurationLocator_NamedWithPortNeedsNoBrowser()
    {
        var instance = Assert.Single(await LocateAsync(@"Data Source=sql-prod-01\SALES,1533;Integrated Security=True"));

        Assert.False(instance.RequiresSqlBrowser);
        Assert.Equal([1533], instance.StaticPorts);
    }

    [Fact]
    public async Task ConfigurationLocator_PortZeroReadsAsNone()
    {
        var instance = Assert.Single(await LocateAsync(@"Data Source=sql-prod-01\SALES,0;Integrated Security=True"));

        Assert.Null(instance.Port);
        Assert.Empty(instance.StaticPorts);
    }

    [Fact]
    public async Task ConfigurationLocator_LocalDbMarked()
    {
        var instance = Assert.Single(await LocateAsync(@"Data Source=(localdb)\MSSQLLocalDB;Integrated Security=True"));

        Assert.True(instance.IsLocalDb);
        Assert.Equal("MSSQLLocalDB", instance.InstanceName);
        Assert.False(instance.RequiresSqlBrowser);
    }

    [Fact]
    public async Task ConfigurationLocator_HashNameReportedUnsupported()
    {
        var instance = Assert.Single(await LocateAsync(@"Data Source=sql-prod-01\SALES#EU;Integrated Security=True"));

        Assert.Equal("SALES#EU", instance.InstanceName);
        Assert.Equal(NameRules.SqlNameError("instance", "SALES#EU"), instance.UnsupportedReason);
        Assert.Contains("'#'", instance.UnsupportedReason);
    }

    [Fact]
    public async Task ConfigurationLocator_ConfiguredNameWins()
    {
        var locator = new ConfigurationInstanceLocator([new ConfiguredInstance("SALES", "Server=sql-prod-01,1533;Integrated Security=True")]);

        var instance = Assert.Single(await locator.LocateAsync(CancellationToken.None));

        Assert.Equal("SALES", instance.InstanceName);
        Assert.Equal(1533, instance.Port);
    }

    [Fact]
    public void ConfigurationLocator_InvalidStringHidesPassword()
    {
        string[] connectionStrings = ["Server=sql-prod-01;Integrated Security=True", "Server=sql-prod-01;Password=Hunter2!;Bogus Keyword=1"];

        var exception = Assert.Throws<ArgumentException>(() => new ConfigurationInstanceLocator(connectionStrings));

        Assert.Contains("connection string 2", exception.Message);
        Assert.DoesNotContain("Hunter2!", exception.Message);
    }

    [Fact]
    public void ConfigurationLocator_MissingDataSourceRejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ConfigurationInstanceLocator(["Integrated Security=True"]));

        Assert.Contains("connection string 1 has no Data Source", exception.Message);
    }

    [Fact]
    public async Task CompositeLocator_FirstLocatorWinsByName()
    {
        var configured = new ConfigurationInstanceLocator(["Server=sql-prod-01,1433;User ID=arc;Password=x"]);
        var registry = new RecordedRegistry()
            .WithInstance("MSSQLSERVER", "MSSQL16.MSSQLSERVER", "1433", "")
            .WithInstance("SALES", "MSSQL16.SALES", "1533", "");
        var windows = new WindowsInstanceLocator(registry, new LocatorOptions { HostName = "sql-prod-01" });

        var located = await new CompositeInstanceLocator(configured, windows).LocateAsync(CancellationToken.None);

        Assert.Equal(["MSSQLSERVER", "SALES"], located.Select(instance => instance.InstanceName));
        Assert.Equal("Server=sql-prod-01,1433;User ID=arc;Password=x", located[0].ConnectionString);
    }

    [Theory]
    [InlineData("Data Source=sql-prod-01,1500;Integrated Security=True", 1500)]
    [InlineData("Server=tcp:sql-prod-01,1434;Integrated Security=True", 1434)]
    public async Task ConfigurationLocator_HostPortNamesNoInstance(string connectionString, int port)
    {
        var instance = Assert.Single(await LocateAsync(connectionString));

        Assert.Equal("", instance.InstanceName);
        Assert.Equal(port, instance.Port);
        Assert.Contains($"port {port}", instance.UnsupportedReason, StringComparison.Ordinal);
        Assert.Contains("ConfiguredInstance.Name", instance.UnsupportedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompositeLocator_HostPortTakesNameFromRegistry()
    {
        var configured = new ConfigurationInstanceLocator(["Data Source=SQL-PROD-01,1500;User ID=arc;Password=x"]);
        var registry = new RecordedRegistry()
            .WithInstance("MSSQLSERVER", "MSSQL16.MSSQLSERVER", "1433", "")
            .WithInstance("SALES", "MSSQL16.SALES", "1500", "");
        var windows = new WindowsInstanceLocator(registry, new LocatorOptions { HostName = "sql-prod-01" });

        var located = await new CompositeInstanceLocator(configured, windows).LocateAsync(CancellationToken.None);

        Assert.Equal(2, located.Count);
        var sales = Assert.Single(located, instance => instance.Port == 1500);
        Assert.Equal("SALES", sales.InstanceName);
        Assert.Equal("", sales.UnsupportedReason);
        Assert.Equal("Data Source=SQL-PROD-01,1500;User ID=arc;Password=x", sales.ConnectionString);
        Assert.Contains(located, instance => instance.InstanceName == "MSSQLSERVER" && instance.Port == 1433);
    }

    [Fact]
    public async Task CompositeLocator_DefaultWithoutPortMatchesPort1433()
    {
        var configured = new ConfigurationInstanceLocator(["Data Source=sql-prod-01;User ID=arc;Password=x"]);
        var registry = new RecordedRegistry().WithInstance("MSSQLSERVER", "MSSQL16.MSSQLSERVER", "1433", "");
        var windows = new WindowsInstanceLocator(registry, new LocatorOptions { HostName = "sql-prod-01" });

        var located = await new CompositeInstanceLocator(configured, windows).LocateAsync(CancellationToken.None);

        var instance = Assert.Single(located);
        Assert.Equal("Data Source=sql-prod-01;User ID=arc;Password=x", instance.ConnectionString);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData(".")]
    [InlineData("127.0.0.1")]
    public async Task CompositeLocator_LocalAliasMatchesMachineName(string alias)
    {
        var configured = new ConfigurationInstanceLocator([$"Data Source={alias};User ID=arc;Password=x"]);
        var registry = new RecordedRegistry().WithInstance("MSSQLSERVER", "MSSQL16.MSSQLSERVER", "1433", "");
        var windows = new WindowsInstanceLocator(registry, new LocatorOptions { HostName = Environment.MachineName });

        var located = await new CompositeInstanceLocator(configured, windows).LocateAsync(CancellationToken.None);

        var instance = Assert.Single(located);
        Assert.Equal(alias, instance.HostName);
    }

    [Fact]
    public async Task CompositeLocator_KeepsNamedInstanceOnTwoHosts()
    {
        var configured = new ConfigurationInstanceLocator([@"Data Source=sql-a\SALES;Integrated Security=True", @"Data Source=sql-b\SALES;Integrated Security=True"]);

        var located = await new CompositeInstanceLocator(configured).LocateAsync(CancellationToken.None);

        Assert.Equal(["sql-a", "sql-b"], located.Select(instance => instance.HostName));
    }

    private static Task<IReadOnlyList<LocatedInstance>> LocateAsync(string connectionString) =>
        new ConfigurationInstanceLocator([connectionString]).LocateAsync(CancellationToken.None);
}
