using ArcActors.Sql.Discovery;
using Microsoft.Data.SqlClient;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class SqlQueryRunnerTests
{
    private static readonly SqlDiscoveryOptions Options = new() { VmId = Guid.NewGuid(), ConnectTimeout = TimeSpan.FromSeconds(2.5) };

    [Fact]
    public void SqlQueryRunner_ConnectTimeoutFromOptions()
    {
        var built = new SqlConnectionStringBuilder(SqlQueryRunner.BuildConnectionString("Server=db1;Connect Timeout=60", Options));

        Assert.Equal(3, built.ConnectTimeout);
        Assert.Equal(PoolBlockingPeriod.NeverBlock, built.PoolBlockingPeriod);
    }

    [Fact]
    public void SqlQueryRunner_KeepsConfiguredApplicationName()
    {
        var named = new SqlConnectionStringBuilder(SqlQueryRunner.BuildConnectionString("Server=db1;Application Name=ops", Options));
        var unnamed = new SqlConnectionStringBuilder(SqlQueryRunner.BuildConnectionString("Server=db1", Options));

        Assert.Equal("ops", named.ApplicationName);
        Assert.Equal("ArcActors discovery", unnamed.ApplicationName);
    }
}
