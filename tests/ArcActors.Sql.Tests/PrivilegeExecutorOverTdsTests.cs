using Xunit;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Errors;
using ArcActors.Sql.Execution;
using ArcActors.Sql.Privileges;
using ArcActors.Sql.Tests.Tds;

namespace ArcActors.Sql.Tests;

/// <summary>
/// A feature toggle sent through the real SqlClient driver to the TDS test endpoint: the endpoint's log of
/// received batches contains exactly the grants and revokes the planner made, each in its database.
/// </summary>
public sealed class PrivilegeExecutorOverTdsTests
{
    private static readonly IReadOnlyList<DatabaseTarget> Databases =
    [
        new("master", IsSystem: true, IsReadable: true),
        new("msdb", IsSystem: true, IsReadable: true),
        new("O'Brien [eu] data", IsSystem: false, IsReadable: true),
    ];

    private static readonly SqlDiscoveryOptions Options = new() { VmId = Guid.NewGuid(), CommandTimeout = TimeSpan.FromSeconds(2), MaxRetries = 1 };

    [Fact]
    public async Task Executor_FeatureOnSendsGrants()
    {
        await using var server = TdsTestServer.Start(_ => TdsReply.Results());
        var plan = LeastPrivilegePlanner.PlanChange([], [ExtensionFeature.BestPracticesAssessment], LeastPrivilegePlanner.DefaultPrincipal, Databases);

        var results = await Executor(server).ExecuteAsync(SqlStep.From(plan), CancellationToken.None);

        Assert.NotEmpty(plan.Statements);
        Assert.All(results, result => Assert.Equal(SqlStepOutcome.Succeeded, result.Outcome));
        Assert.Equal(plan.Statements.Select(statement => statement.Sql), server.RequestTexts);
        Assert.Contains(server.RequestTexts, text => text.Contains("xp_readerrorlog", StringComparison.Ordinal));
        Assert.Equal(plan.Statements.Select(statement => statement.Database).Distinct(), server.Logins.Select(login => login.Database).Distinct());
    }

    [Fact]
    public async Task Executor_FeatureOffSendsRevokes()
    {
        await using var server = TdsTestServer.Start(request => TdsReply.Results());
        var plan = LeastPrivilegePlanner.PlanChange([ExtensionFeature.AutomatedBackups], [], LeastPrivilegePlanner.DefaultPrincipal, Databases);

        await Executor(server).ExecuteAsync(SqlStep.From(plan), CancellationToken.None);

        Assert.NotEmpty(server.RequestTexts);
        Assert.All(server.RequestTexts, text => Assert.True(
            text.StartsWith("REVOKE", StringComparison.Ordinal) || text.Contains("DROP MEMBER", StringComparison.Ordinal), text));
        Assert.Contains(server.RequestTexts, text => text.Contains("[db_backupoperator] DROP MEMBER", StringComparison.Ordinal));
        Assert.DoesNotContain(server.RequestTexts, text => text.Contains("VIEW SERVER STATE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Executor_PermissionDeniedStops()
    {
        await using var server = TdsTestServer.Start(request => request.Text.Contains("CREATE USER", StringComparison.Ordinal)
            ? TdsReply.Failure(new TdsError(15247, "User does not have permission to perform this action.", Class: 16))
            : TdsReply.Results());
        var plan = LeastPrivilegePlanner.PlanApply([], LeastPrivilegePlanner.DefaultPrincipal, Databases);

        var results = await Executor(server).ExecuteAsync(SqlStep.From(plan), CancellationToken.None);

        var failed = Assert.Single(results, result => result.Outcome == SqlStepOutcome.Failed);
        Assert.Contains("CREATE USER", failed.Step.Sql);
        Assert.Contains("15247", failed.Error);
        Assert.All(results.SkipWhile(result => result.Outcome != SqlStepOutcome.Failed).Skip(1),
            result => Assert.Equal(SqlStepOutcome.NotRun, result.Outcome));
        Assert.Equal(results.Count, plan.Statements.Count);
    }

    [Fact]
    public async Task Executor_DroppedConnectionRetried()
    {
        var drops = 1;
        await using var server = TdsTestServer.Start(request => Interlocked.Decrement(ref drops) >= 0
            ? new TdsReply { Behavior = TdsReplyBehavior.ResetMidResult, ResultSets = [] }
            : TdsReply.Results());
        var plan = LeastPrivilegePlanner.PlanApply([], LeastPrivilegePlanner.DefaultPrincipal, Databases);

        var results = await Executor(server).ExecuteAsync(SqlStep.From(plan), CancellationToken.None);

        Assert.All(results, result => Assert.Equal(SqlStepOutcome.Succeeded, result.Outcome));
        Assert.Equal(plan.Statements.Count + 1, server.RequestTexts.Count);
    }

    private static SqlStatementExecutor Executor(TdsTestServer server) =>
        new(server.ConnectionString("arc", "secret"), Options, new TransientRetry(1, TimeSpan.Zero));
}
