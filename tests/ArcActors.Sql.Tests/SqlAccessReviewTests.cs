using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Discovery;
using ArcActors.Sql.Errors;
using ArcActors.Sql.Execution;
using ArcActors.Sql.Locators;
using ArcActors.Sql.Privileges;
using ArcActors.Sql.Tests.Locators;
using ArcActors.Sql.Tests.Tds;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>
/// Attacks on the SQL Server access code: hostile names, retries, locator merging and backup selection.
/// Each test pins behavior that a review attack checked, with the reason in its comment.
/// </summary>
public sealed class SqlAccessReviewTests
{
    private static readonly DateTime At = new(2025, 3, 9, 14, 5, 7, DateTimeKind.Utc);
    private static readonly DateTimeOffset Earlier = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly BackupInstance Enterprise =
        new("Enterprise", "Paid", "None", HostsAvailabilityGroupReplica: false, @"D:\Backup", BackupPolicy.Default);

    private static readonly SqlDiscoveryOptions Options =
        new() { VmId = Guid.NewGuid(), CommandTimeout = TimeSpan.FromSeconds(2), MaxRetries = 1 };

    // Passes: 128 closing brackets quote to 258 characters, and the parser still reads one identifier equal to the name.
    [Theory]
    [InlineData(128, ']')]
    [InlineData(128, '\'')]
    [InlineData(127, '\u200B')]
    public void BackupStatementBuilder_MaxLengthHostileNameRoundTrips(int length, char fill)
    {
        var database = new string(fill, length - 1) + "x";

        var statement = BackupStatementBuilder.Build(database, BackupKind.Full, @"\\nas01\sql backups\", At, compression: false);
        var parsed = Assert.IsAssignableFrom<BackupDatabaseStatement>(TSqlParsing.SingleStatement(statement.Sql));
        var literal = Assert.IsType<StringLiteral>(Assert.Single(parsed.Devices).PhysicalDevice);

        Assert.Equal(database, parsed.DatabaseName.Value);
        Assert.Equal(statement.FilePath, literal.Value);
        Assert.StartsWith(@"\\nas01\sql backups\", literal.Value);
        Assert.DoesNotContain(@"\\", literal.Value[2..]);
    }

    // Passes: the principal appears as one identifier in every statement of an uninstall plan.
    [Theory]
    [InlineData("NT Service\\a]; DROP LOGIN [sa]; --")]
    [InlineData("N'x' ; SHUTDOWN --")]
    [InlineData("CORP\\svc\u200Barc")]
    public void LeastPrivilegePlanner_HostilePrincipalStaysOneIdentifier(string principal)
    {
        var plan = LeastPrivilegePlanner.PlanUninstall(principal, SystemDatabases("Sales"));

        foreach (var statement in plan.Statements)
        {
            var errors = TSqlParsing.Parse(statement.Sql, out var script);
            Assert.Empty(errors);
            var identifiers = new IdentifierCollector();
            script.Accept(identifiers);
            Assert.Contains(principal, identifiers.Values);
            Assert.Single(script.Batches.SelectMany(batch => batch.Statements));
        }
    }

    // Passes: with the same database list, uninstall removes every item that apply with all features granted.
    [Fact]
    public void LeastPrivilegePlanner_UninstallCoversEveryAppliedItem()
    {
        var databases = SystemDatabases("Sales", "HR");
        var applied = LeastPrivilegePlanner.PlanApply(Enum.GetValues<ExtensionFeature>(), "arc", databases)
            .Statements.Select(statement => statement.Item).ToHashSet();

        var removed = LeastPrivilegePlanner.PlanUninstall("arc", databases).Statements.Select(statement => statement.Item).ToHashSet();

        Assert.Subset(removed, applied);
    }

    // A database that was read-write at apply and is read-only at uninstall keeps the user and its
    // grants, so the plan keeps the login too rather than leave an orphaned user with SELECT, EXECUTE
    // and db_backupoperator behind.
    [Fact]
    public void LeastPrivilegePlanner_UninstallLeavesNoOrphanedUser()
    {
        var atApply = SystemDatabases("Sales");
        var atUninstall = atApply.Select(database => database.Name == "Sales" ? database with { IsReadOnly = true } : database).ToList();
        var applied = LeastPrivilegePlanner.PlanApply([ExtensionFeature.Purview, ExtensionFeature.AutomatedBackups], "arc", atApply)
            .Statements.Select(statement => statement.Item).ToHashSet();

        var uninstall = LeastPrivilegePlanner.PlanUninstall("arc", atUninstall);
        var removed = uninstall.Statements.Select(statement => statement.Item).ToHashSet();
        var leftBehind = applied.Where(item => !removed.Contains(item)).ToList();
        var dropsLogin = uninstall.Statements.Any(statement => statement.Item.Kind == PermissionKind.Login);

        Assert.False(leftBehind.Count > 0 && dropsLogin, $"login dropped while {leftBehind.Count} items remain: {string.Join(", ", leftBehind)}");
    }

    // Automated backups are on only for retention 1-35 days, so -1 and 36 are invalid and must not back up.
    [Theory]
    [InlineData(-1)]
    [InlineData(36)]
    public void BackupPlanner_RetentionOutsideRangeBacksUpNothing(int retentionDays)
    {
        var instance = Enterprise with { Policy = BackupPolicy.Default with { RetentionPeriodDays = retentionDays } };

        var plan = BackupPlanner.Plan(instance, [new BackupDatabase("Sales", "Online", "Full")], BackupKind.Full, At);

        Assert.Empty(plan.Statements);
    }

    // A copy-only full backup cannot be a differential base, and a backup of an earlier database with
    // the same name is no base for the new one. Counting either as the last full backup would make the
    // planner schedule differential and log backups that fail (errors 3035 and 4214).
    [Fact]
    public void LastBackups_IgnoresCopyOnlyFull()
    {
        var errors = TSqlParsing.Parse(DiscoveryQueries.LastBackups, out _);

        Assert.Empty(errors);
        Assert.Contains("is_copy_only", DiscoveryQueries.LastBackups, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("database_guid", DiscoveryQueries.LastBackups, StringComparison.OrdinalIgnoreCase);
    }

    // The connection drops after SQL Server may have finished BACKUP LOG. Re-running the statement with
    // the same file name, FORMAT and INIT would overwrite the file holding the first log backup and
    // leave a hole in the log chain, so the executor sends it once and reports the step as failed.
    [Fact]
    public async Task Executor_LogBackupRetryKeepsFile()
    {
        var drops = 1;
        await using var server = TdsTestServer.Start(_ => Interlocked.Decrement(ref drops) >= 0
            ? new TdsReply { Behavior = TdsReplyBehavior.ResetMidResult, ResultSets = [] }
            : TdsReply.Results());
        var database = new BackupDatabase("Sales", "Online", "Full", LastFullBackup: Earlier);
        var plan = BackupPlanner.Plan(Enterprise, [database], BackupKind.Log, At);

        var results = await Executor(server).ExecuteAsync(SqlStep.From(plan), CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal(SqlStepOutcome.Failed, result.Outcome);
        Assert.Contains("not retried", result.Error, StringComparison.Ordinal);
        var sentToSameFile = server.RequestTexts.Count(text => text.Contains(plan.Statements[0].FilePath, StringComparison.Ordinal));
        Assert.Equal(1, sentToSameFile);
    }

    // A BACKUP step has no command timeout of its own, so the 1-second timeout is set on the step here to
    // make it time out. A timed-out backup is not started again from scratch.
    [Fact]
    public async Task Executor_TimedOutBackupIsNotRestarted()
    {
        await using var server = TdsTestServer.Start(_ => new TdsReply { Behavior = TdsReplyBehavior.WaitForAttention, ResultSets = [] });
        var plan = BackupPlanner.Plan(Enterprise, [new BackupDatabase("Sales", "Online", "Full")], BackupKind.Full, At);
        var executor = new SqlStatementExecutor(server.ConnectionString("arc", "secret"), Options, new TransientRetry(2, TimeSpan.Zero));
        var steps = SqlStep.From(plan).Select(step => step with { CommandTimeout = TimeSpan.FromSeconds(1) }).ToList();

        var results = await executor.ExecuteAsync(steps, CancellationToken.None);

        Assert.Equal(SqlStepOutcome.Failed, Assert.Single(results).Outcome);
        Assert.Equal(1, server.RequestTexts.Count(text => text.StartsWith("BACKUP DATABASE", StringComparison.Ordinal)));
    }

    // A step whose connection cannot even be built (here a 129-character database name, which SqlClient
    // rejects with an ArgumentException) is reported as failed, with the results of the steps that
    // already ran and the NotRun rest.
    [Fact]
    public async Task Executor_NonSqlFailureStillReportsEveryStep()
    {
        await using var server = TdsTestServer.Start(_ => TdsReply.Results());
        SqlStep[] steps =
        [
            new("master", "SELECT 1;", "first"),
            new(new string('d', 129), "SELECT 2;", "bad database"),
            new("master", "SELECT 3;", "third"),
        ];

        IReadOnlyList<SqlStepResult>? results = null;
        var thrown = await Record.ExceptionAsync(async () => results = await Executor(server).ExecuteAsync(steps, CancellationToken.None));

        Assert.Null(thrown);
        Assert.NotNull(results);
        Assert.Equal(3, results.Count);
        Assert.Equal(SqlStepOutcome.Succeeded, results[0].Outcome);
        Assert.Equal(SqlStepOutcome.Failed, results[1].Outcome);
        Assert.Contains("ArgumentException", results[1].Error, StringComparison.Ordinal);
        Assert.Equal(SqlStepOutcome.NotRun, results[2].Outcome);
    }

    // Passes: a login failure is reported as Failed with the later steps NotRun, and the password never appears.
    [Fact]
    public async Task Executor_LoginFailureHidesPassword()
    {
        const string password = "Pa55'w;rd=S3cret";
        await using var server = TdsTestServer.Start(_ => TdsReply.Results(),
            loginCheck: _ => new TdsError(18456, "Login failed for user 'arc'.", Class: 14));
        var connectionString = $"Server=tcp:127.0.0.1,{server.Port};User ID=arc;Password=\"{password}\";Encrypt=False;Pooling=False";
        SqlStep[] steps = [new("master", "SELECT 1;", "first"), new("msdb", "SELECT 2;", "second")];

        var results = await new SqlStatementExecutor(connectionString, Options, new TransientRetry(1, TimeSpan.Zero))
            .ExecuteAsync(steps, CancellationToken.None);

        Assert.Equal(SqlStepOutcome.Failed, results[0].Outcome);
        Assert.Equal(SqlStepOutcome.NotRun, results[1].Outcome);
        Assert.All(results, result => Assert.DoesNotContain("S3cret", result.Error, StringComparison.Ordinal));
    }

    // A named instance given as host,port must not read as MSSQLSERVER, and the composite locator must
    // not key on the instance name alone, or it hides the real default instance found in the registry.
    [Fact]
    public async Task CompositeLocator_HostPortDoesNotHideDefaultInstance()
    {
        var registry = new RecordedRegistry()
            .WithInstance("MSSQLSERVER", "MSSQL16.MSSQLSERVER", "1433", "")
            .WithInstance("SALES", "MSSQL16.SALES", "1500", "");
        var configured = new ConfigurationInstanceLocator(["Data Source=sql-prod-01,1500;Integrated Security=True"]);
        var windows = new WindowsInstanceLocator(registry, new LocatorOptions { HostName = "sql-prod-01" });

        var located = await new CompositeInstanceLocator(configured, windows).LocateAsync(CancellationToken.None);

        Assert.Contains(located, instance => instance.Port == 1433);
    }

    // Two configured default instances on different hosts share the name MSSQLSERVER, and the
    // composite locator keeps both.
    [Fact]
    public async Task CompositeLocator_KeepsSameNameOnTwoHosts()
    {
        var configured = new ConfigurationInstanceLocator(
        [
            "Data Source=sql-a;Integrated Security=True",
            "Data Source=sql-b;Integrated Security=True",
        ]);

        var located = await new CompositeInstanceLocator(configured).LocateAsync(CancellationToken.None);

        Assert.Equal(2, located.Count);
    }

    // Passes: CRLF line ends, a UTF-8 BOM and a repeated key are read, and the later key wins.
    [Fact]
    public void MssqlConfParser_BomCrlfDuplicateKeys()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mssql-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, "[network]\r\ntcpport = 1401\r\ntcpport = 1402\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            Assert.Equal(1402, MssqlConfParser.Load(path).TcpPort);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Passes: ports 0, 65536 and text are rejected with the bad value named.
    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("abc")]
    [InlineData("1433 # custom")]
    public void MssqlConfParser_InvalidPortNamed(string port)
    {
        var error = Assert.Throws<ConfigFileFormatException>(() => MssqlConfParser.Parse($"[network]\ntcpport = {port}\n", "/etc/mssql.conf"));

        Assert.Contains(port, error.Message, StringComparison.Ordinal);
    }

    private static SqlStatementExecutor Executor(TdsTestServer server) =>
        new(server.ConnectionString("arc", "secret"), Options, new TransientRetry(1, TimeSpan.Zero));

    private static List<DatabaseTarget> SystemDatabases(params string[] userDatabases) =>
    [
        new("master", IsSystem: true, IsReadable: true),
        new("model", IsSystem: true, IsReadable: true),
        new("msdb", IsSystem: true, IsReadable: true),
        new("tempdb", IsSystem: true, IsReadable: true),
        .. userDatabases.Select(name => new DatabaseTarget(name, IsSystem: false, IsReadable: true)),
    ];

    private sealed class IdentifierCollector : TSqlFragmentVisitor
    {
        public List<string> Values { get; } = [];

        public override void Visit(Identifier node) => Values.Add(node.Value);
    }
}
