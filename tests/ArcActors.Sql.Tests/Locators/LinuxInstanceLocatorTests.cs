using ArcActors.Sql.Locators;
using Microsoft.Data.SqlClient;
using Xunit;

namespace ArcActors.Sql.Tests.Locators;

public sealed class LinuxInstanceLocatorTests : IDisposable
{
    private const string Host = "sql-prod-01";
    private readonly string _directory = Directory.CreateTempSubdirectory("arcactors-locator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task LinuxLocator_DefaultInstanceOn1433WithoutTcpPort()
    {
        var located = await LocateAsync(RecordedUnitReader.Running, RecordedMssqlConf.WithoutPortOrBackupDirectory);

        var instance = Assert.Single(located);
        Assert.Equal("MSSQLSERVER", instance.InstanceName);
        Assert.Equal(1433, instance.Port);
        Assert.Equal("sql-prod-01,1433", instance.DataSource);
        Assert.Equal("", instance.BackupDirectory);
        Assert.Equal(ServiceState.Running, instance.State);
        Assert.Equal("", instance.Warning);
    }

    [Fact]
    public async Task LinuxLocator_ReadsTcpPortAndBackupDirectory()
    {
        var located = await LocateAsync(RecordedUnitReader.Running, RecordedMssqlConf.WithPortAndBackupDirectory);

        var instance = Assert.Single(located);
        Assert.Equal(1401, instance.Port);
        Assert.Equal("sql-prod-01,1401", instance.DataSource);
        Assert.Equal("/srv/sqlbackup/", instance.BackupDirectory);
        Assert.Equal([1401], instance.StaticPorts);
    }

    [Fact]
    public async Task LinuxLocator_MissingConfUsesDefaults()
    {
        var locator = new LinuxInstanceLocator(new RecordedUnitReader(RecordedUnitReader.Running), Options(Host), ConfPath);

        var instance = Assert.Single(await locator.LocateAsync(CancellationToken.None));

        Assert.Equal(1433, instance.Port);
        Assert.Equal("", instance.BackupDirectory);
    }

    [Fact]
    public async Task LinuxLocator_MalformedConfNamesFileAndLine()
    {
        var exception = await Assert.ThrowsAsync<ConfigFileFormatException>(
            () => LocateAsync(RecordedUnitReader.Running, RecordedMssqlConf.MissingEquals));

        Assert.Equal(ConfPath, exception.Path);
        Assert.Equal(4, exception.LineNumber);
        Assert.StartsWith($"{ConfPath} line 4: 'tcpport 1401'", exception.Message);
    }

    [Fact]
    public async Task LinuxLocator_PortOutOfRangeNamesLine()
    {
        var exception = await Assert.ThrowsAsync<ConfigFileFormatException>(
            () => LocateAsync(RecordedUnitReader.Running, RecordedMssqlConf.PortOutOfRange));

        Assert.Equal(3, exception.LineNumber);
        Assert.Contains("'70000'", exception.Message);
        Assert.Contains("1 to 65535", exception.Message);
    }

    [Fact]
    public async Task LinuxLocator_KeyBeforeSectionRejected()
    {
        var exception = await Assert.ThrowsAsync<ConfigFileFormatException>(
            () => LocateAsync(RecordedUnitReader.Running, RecordedMssqlConf.KeyBeforeSection));

        Assert.Equal(1, exception.LineNumber);
        Assert.Contains("before the first section", exception.Message);
    }

    [Theory]
    [InlineData(RecordedUnitReader.Stopped, "inactive (dead)")]
    [InlineData(RecordedUnitReader.Failed, "failed (failed)")]
    public async Task LinuxLocator_StoppedUnitReportedStopped(string unitOutput, string shownState)
    {
        var located = await LocateAsync(unitOutput, RecordedMssqlConf.WithPortAndBackupDirectory);

        var instance = Assert.Single(located);
        Assert.Equal(ServiceState.Stopped, instance.State);
        Assert.Contains(shownState, instance.Warning);
        Assert.Contains("systemctl start mssql-server", instance.Warning);
        Assert.Equal(1401, instance.Port);
    }

    [Fact]
    public async Task LinuxLocator_UnitNotFoundReturnsNone()
    {
        var located = await LocateAsync(RecordedUnitReader.NotFound, RecordedMssqlConf.WithPortAndBackupDirectory);

        Assert.Empty(located);
    }

    [Fact]
    public async Task LinuxLocator_NoSystemctlNoConfEmpty()
    {
        var locator = new LinuxInstanceLocator(new RecordedUnitReader(""), Options(Host), ConfPath);

        Assert.Empty(await locator.LocateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task LinuxLocator_NoSystemctlWithConfReportsUnknown()
    {
        var located = await LocateAsync("", RecordedMssqlConf.WithoutPortOrBackupDirectory);

        var instance = Assert.Single(located);
        Assert.Equal(ServiceState.Unknown, instance.State);
        Assert.Contains("could not be read", instance.Warning);
    }

    [Fact]
    public async Task LinuxLocator_AsksForMssqlServerUnit()
    {
        var units = new RecordedUnitReader(RecordedUnitReader.Running);
        var locator = new LinuxInstanceLocator(units, Options(Host), ConfPath);

        await locator.LocateAsync(CancellationToken.None);

        Assert.Equal(["mssql-server"], units.RequestedUnits);
    }

    [Fact]
    public async Task LinuxLocator_IpAddressBecomesDataSource()
    {
        var located = await LocateAsync(RecordedUnitReader.Running, RecordedMssqlConf.WithIpAddress);

        var instance = Assert.Single(located);
        Assert.Equal("10.20.0.5", instance.ListenAddress);
        Assert.Equal("10.20.0.5,1433", instance.DataSource);
        Assert.Equal(Host, instance.HostName);
    }

    [Fact]
    public async Task LinuxLocator_WildcardIpAddressKeepsHost()
    {
        var located = await LocateAsync(RecordedUnitReader.Running, "[network]\nipaddress = 0.0.0.0\n");

        var instance = Assert.Single(located);
        Assert.Equal("", instance.ListenAddress);
        Assert.Equal("sql-prod-01,1433", instance.DataSource);
    }

    [Theory]
    [InlineData("sql-prod-01")]
    [InlineData("sql-prod-01.corp.example")]
    public async Task LinuxLocator_HostWithHyphensAndDots(string host)
    {
        var located = await LocateAsync(RecordedUnitReader.Running, RecordedMssqlConf.WithPortAndBackupDirectory, host);

        var instance = Assert.Single(located);
        Assert.Equal(host, instance.HostName);
        Assert.Equal($"{host},1401", instance.DataSource);
        Assert.Equal($"{host},1401", new SqlConnectionStringBuilder(instance.ConnectionString).DataSource);
    }

    [Fact]
    public void LinuxLocator_InvalidHostNameRejected()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => new LinuxInstanceLocator(new RecordedUnitReader(RecordedUnitReader.Running), Options("sql prod"), ConfPath));

        Assert.Contains("'sql prod'", exception.Message);
        Assert.Contains("LocatorOptions.HostName", exception.Message);
    }

    [Fact]
    public async Task LinuxLocator_ConnectionStringKeepsTemplate()
    {
        File.WriteAllText(ConfPath, RecordedMssqlConf.WithPortAndBackupDirectory);
        var options = Options(Host) with { ConnectionTemplate = "Data Source=placeholder;User ID=arc;Password=secret;Encrypt=True" };
        var locator = new LinuxInstanceLocator(new RecordedUnitReader(RecordedUnitReader.Running), options, ConfPath);

        var instance = Assert.Single(await locator.LocateAsync(CancellationToken.None));
        var builder = new SqlConnectionStringBuilder(instance.ConnectionString);

        Assert.Equal("sql-prod-01,1401", builder.DataSource);
        Assert.Equal("arc", builder.UserID);
        Assert.Equal("secret", builder.Password);
    }

    [Theory]
    [InlineData("ActiveState=active\nSubState=running", ServiceState.Running)]
    [InlineData("ActiveState=inactive\nSubState=dead", ServiceState.Stopped)]
    [InlineData("ActiveState=failed\nSubState=failed", ServiceState.Stopped)]
    [InlineData("ActiveState=activating\nSubState=start", ServiceState.Changing)]
    [InlineData("ActiveState=deactivating\r\nSubState=stop-sigterm\r\n", ServiceState.Changing)]
    [InlineData("", ServiceState.Unknown)]
    public void SystemdUnitState_MapsActiveState(string output, ServiceState expected)
    {
        Assert.Equal(expected, SystemdUnitState.Parse(output).ServiceState);
    }

    [Fact]
    public void SystemdUnitState_ReadsNotFound()
    {
        var state = SystemdUnitState.Parse(RecordedUnitReader.NotFound);

        Assert.True(state.IsNotFound);
        Assert.Equal("inactive", state.ActiveState);
        Assert.Equal("dead", state.SubState);
    }

    private string ConfPath => Path.Combine(_directory, "mssql.conf");

    private static LocatorOptions Options(string host) => new() { HostName = host };

    private async Task<IReadOnlyList<LocatedInstance>> LocateAsync(string unitOutput, string confText, string host = Host)
    {
        File.WriteAllText(ConfPath, confText);
        var locator = new LinuxInstanceLocator(new RecordedUnitReader(unitOutput), Options(host), ConfPath);
        return await locator.LocateAsync(CancellationToken.None);
    }
}
