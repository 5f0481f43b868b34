using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Errors;
using ArcActors.Sql.Execution;
using ArcActors.Sql.Privileges;
using ArcActors.Sql.Tests.Tds;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>
/// Per-step retry and timeout settings of <see cref="SqlStatementExecutor"/>, and failures that are not
/// SqlExceptions (cancellation, invalid connection strings), checked through SqlClient and the TDS test endpoint.
/// </summary>
public sealed class ExecutorStepSafetyTests
{
    private static readonly DateTime At = new(2025, 3, 9, 14, 5, 7, DateTimeKind.Utc);

    private static readonly BackupInstance Enterprise =
        new("Enterprise", "Paid", "None", HostsAvailabilityGroupReplica: false, @"D:\Backup", BackupPolicy.Default);

    private static readonly SqlDiscoveryOptions Options =
        new() { VmId = Guid.NewGuid(), CommandTimeout = TimeSpan.FromSeconds(2), MaxRetries = 1 };

    [Fact]
    public void SqlStep_BackupStepsNotRetryableWithoutTimeout()
    {
        var plan = BackupPlanner.Plan(Enterprise, [new BackupDatabase("Sales", "Online", "Full")], BackupKind.Full, At);

        var step = Assert.Single(SqlStep.From(plan));

        Assert.False(step.Retryable);
        Assert.Equal(TimeSpan.Zero, step.CommandTimeout);
    }

    [Fact]
    public void SqlStep_PrivilegeStepsRetryableWithConfiguredTimeout()
    {
        DatabaseTarget[] databases =
        [
            new("master", IsSystem: true, IsReadable: true),
            new("model", IsSystem: true, IsReadable: true),
            new("msdb", IsSystem: true, IsReadable: true),
            new("tempdb", IsSystem: true, IsReadable: true),
        ];
        var plan = LeastPrivilegePlanner.PlanApply([], LeastPrivilegePlanner.DefaultPrincipal, databases);

        var steps = SqlStep.From(plan);

        Assert.NotEmpty(steps);
        Assert.All(steps, step => Assert.True(step.Retryable));
        Assert.All(steps, step => Assert.Null(step.CommandTimeout));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(200, 1)]
    [InlineData(1200, 2)]
    [InlineData(30000, 30)]
    public void Executor_CommandTimeoutSecondsRoundsUpAndKeepsZero(int milliseconds, int expectedSeconds)
    {
        Assert.Equal(expectedSeconds, SqlStatementExecutor.CommandTimeoutSeconds(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Executor_NegativeCommandTimeoutRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SqlStatementExecutor.CommandTimeoutSeconds(TimeSpan.FromSeconds(-1)));

        Assert.Contains("-00:00:01", error.Message, StringComparison.Ordinal);
    }

    // The first login fails with error 40 (could not open a connection), before the BACKUP is sent, so
    // the retry is safe even though backup steps are not retryable.
    [Fact]
    public async Task Executor_BackupRetriedWhenOpenFails()
    {
        var loginFailures = 1;
        await using var server = TdsTestServer.Start(_ => TdsReply.Results(),
            loginCheck: _ => Interlocked.Decrement(ref loginFailures) >= 0 ? new TdsError(40, "Could not open a connection to SQL Server.", Class: 20) : null);
        var plan = BackupPlanner.Plan(Enterprise, [new BackupDatabase("Sales", "Online", "Full")], BackupKind.Full, At);

        var results = await Executor(server).ExecuteAsync(SqlStep.From(plan), CancellationToken.None);

        Assert.Equal(SqlStepOutcome.Succeeded, Assert.Single(results).Outcome);
        Assert.Equal(2, server.Logins.Count);
        Assert.Single(server.RequestTexts, text => text.StartsWith("BACKUP DATABASE", StringComparison.Ordinal));
    }

    // The endpoint cancels the run when the second statement arrives and sends no reply to it.
    [Fact]
    public async Task Executor_CancellationKeepsEarlierResults()
    {
        using var cancellation = new CancellationTokenSource();
        await using var server = TdsTestServer.Start(request =>
        {
            if (!request.Text.Contains("SELECT 2", StringComparison.Ordinal))
            {
                return TdsReply.Results();
            }

            cancellation.Cancel();
            return TdsReply.NoAnswer;
        });
        SqlStep[] steps = [new("master", "SELECT 1;", "first"), new("master", "SELECT 2;", "second"), new("msdb", "SELECT 3;", "third")];

        var results = await Executor(server).ExecuteAsync(steps, cancellation.Token);

        Assert.Equal(3, results.Count);
        Assert.Equal(SqlStepOutcome.Succeeded, results[0].Outcome);
        Assert.Equal(SqlStepOutcome.Failed, results[1].Outcome);
        Assert.Contains("cancelled", results[1].Error, StringComparison.Ordinal);
        Assert.Equal(SqlStepOutcome.NotRun, results[2].Outcome);
        Assert.Equal("cancelled", results[2].Error);
    }

    [Fact]
    public async Task Executor_InvalidConnectionStringHidesPassword()
    {
        const string password = "Pa55w0rdS3cret";
        var connectionString = $"Server=tcp:127.0.0.1,1;User ID=arc;Password={password};Connect Retry Count=many;Encrypt=False";
        SqlStep[] steps = [new("master", "SELECT 1;", "first"), new("msdb", "SELECT 2;", "second")];

        var results = await new SqlStatementExecutor(connectionString, Options, new TransientRetry(1, TimeSpan.Zero))
            .ExecuteAsync(steps, CancellationToken.None);

        Assert.Equal(SqlStepOutcome.Failed, results[0].Outcome);
        Assert.Contains("building the connection string", results[0].Error, StringComparison.Ordinal);
        Assert.Equal(SqlStepOutcome.NotRun, results[1].Outcome);
        Assert.All(results, result => Assert.DoesNotContain(password, result.Error, StringComparison.Ordinal));
    }

    private static SqlStatementExecutor Executor(TdsTestServer server) =>
        new(server.ConnectionString("arc", "secret"), Options, new TransientRetry(1, TimeSpan.Zero));
}
