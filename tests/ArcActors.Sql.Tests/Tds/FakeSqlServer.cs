using ArcActors.Sql.Discovery;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Scripted SQL Server state behind a <see cref="TdsTestServer"/>. Requests are matched against the
/// exact texts of <see cref="DiscoveryQueries"/>. Per-database queries take the database from the
/// @name parameter, or match the USE text that <see cref="DiscoveryQueries.InDatabase"/> builds for a
/// known database. No SQL is parsed. Any other text gets error 50000 naming its first line, so a new
/// discovery query fails loudly. Column types follow SQL Server, so sysname columns are nvarchar(128)
/// and compatibility_level is tinyint.
/// </summary>
public sealed class FakeSqlServer
{
    private const int UnknownQueryError = 50000;

    public FakeInstanceProperties Properties { get; init; } = new();
    public IReadOnlyList<FakeDatabase> Databases { get; init; } = [];

    /// <summary>Availability groups the instance has a replica in; the AG queries return them only when <see cref="FakeInstanceProperties.IsHadrEnabled"/> is set.</summary>
    public IReadOnlyList<FakeAvailabilityGroup> AvailabilityGroups { get; init; } = [];

    /// <summary>
    /// A catalog view or DMV, such as <c>sys.dm_hadr_availability_replica_states</c>, on which SELECT
    /// is denied: every availability group query that reads it fails with <see cref="DeniedViewError"/>.
    /// </summary>
    public string? DeniedView { get; init; }

    /// <summary>The error a query on <see cref="DeniedView"/> gets; null sends error 229 naming the view.</summary>
    public TdsError? DeniedViewError { get; init; }

    /// <summary>Logins that fail with error 18456.</summary>
    public IReadOnlySet<string> FailingLogins { get; init; } = new HashSet<string>();

    /// <summary>A query text that gets no reply, so the client's command timeout expires.</summary>
    public string? SleepingQuery { get; init; }

    /// <summary>A query text whose result stops after its first row, when the connection is dropped as <see cref="DropBehavior"/> sets.</summary>
    public string? DroppingQuery { get; init; }

    public TdsReplyBehavior DropBehavior { get; init; } = TdsReplyBehavior.ResetMidResult;

    /// <summary>Starts a <see cref="TdsTestServer"/> that answers from this state.</summary>
    public TdsTestServer Start() => TdsTestServer.Start(Answer, CheckLogin);

    public TdsError? CheckLogin(TdsLogin login) =>
        FailingLogins.Contains(login.UserName) ? TdsError.LoginFailed(login.UserName) : null;

    public TdsReply Answer(TdsRequest request)
    {
        var reply = AnswerQuery(request);
        if (request.Text == SleepingQuery)
        {
            return TdsReply.NoAnswer;
        }

        if (request.Text == DroppingQuery)
        {
            return reply with { Behavior = DropBehavior };
        }

        return reply;
    }

    private TdsReply AnswerQuery(TdsRequest request)
    {
        var text = request.Text;
        var name = request.TextParameter("@name");
        return text switch
        {
            DiscoveryQueries.ServerProperties => FakeResultSets.ServerProperties(Properties),
            DiscoveryQueries.CpuCount => Scalar("cpu_count", TdsType.Int, Properties.CpuCount),
            DiscoveryQueries.MaxServerMemory => Scalar("max_server_memory_mb", TdsType.BigInt, Properties.MaxServerMemoryMB),
            DiscoveryQueries.TempdbDataFileCount => Scalar("data_files", TdsType.Int, Properties.TempdbDataFiles),
            DiscoveryQueries.UserConnectionCount => Scalar("user_connections", TdsType.Int, Properties.UserConnections),
            DiscoveryQueries.DatabaseList => FakeResultSets.DatabaseList(Databases),
            DiscoveryQueries.AvailabilityGroups or DiscoveryQueries.AvailabilityGroupsBefore2016
                or DiscoveryQueries.AvailabilityReplicas or DiscoveryQueries.AvailabilityDatabases => AnswerAvailabilityQuery(text),
            DiscoveryQueries.DatabaseCatalog => FakeResultSets.Catalog(Databases.Where(database => database.Name == name)),
            DiscoveryQueries.DatabaseSize => PerDatabase(text, name, database => Scalar("size_mb", TdsType.Float, database.SizeMB)),
            DiscoveryQueries.LastBackups => PerDatabase(text, name, FakeResultSets.LastBackups),
            DiscoveryQueries.LastGoodCheckDb => PerDatabase(text, name, database => Scalar("last_good_check_db", TdsType.DateTimeOffset, database.LastGoodCheckDb)),
            _ => AnswerInDatabase(text),
        };
    }

    private TdsReply AnswerAvailabilityQuery(string text)
    {
        if (DeniedView is not null && text.Contains(DeniedView, StringComparison.OrdinalIgnoreCase))
        {
            var objectName = DeniedView[(DeniedView.LastIndexOf('.') + 1)..];
            return TdsReply.Failure(DeniedViewError ?? TdsError.SelectDenied(objectName, "mssqlsystemresource", "sys"));
        }

        // With HADR off, SQL Server returns no rows from these views.
        var groups = Properties.IsHadrEnabled ? AvailabilityGroups : [];
        return text switch
        {
            DiscoveryQueries.AvailabilityGroups => FakeAvailabilityResultSets.Groups(groups, Properties.ServerName, readsIsDistributed: true),
            DiscoveryQueries.AvailabilityGroupsBefore2016 => FakeAvailabilityResultSets.Groups(groups, Properties.ServerName, readsIsDistributed: false),
            DiscoveryQueries.AvailabilityReplicas => FakeAvailabilityResultSets.Replicas(groups, Properties.ServerName),
            _ => FakeAvailabilityResultSets.Databases(groups, Properties.ServerName),
        };
    }

    /// <summary>Answers USE [name] followed by the space query; the USE changes the session's database.</summary>
    private TdsReply AnswerInDatabase(string text)
    {
        foreach (var database in Databases)
        {
            if (text == DiscoveryQueries.InDatabase(database.Name) + DiscoveryQueries.DatabaseSpaceInContext)
            {
                return PerDatabase(text, database.Name, FakeResultSets.Space) with { ChangedDatabase = database.Name };
            }
        }

        var firstLine = text.Split('\n', 2)[0].Trim();
        return TdsReply.Failure(new TdsError(UnknownQueryError, $"Fake SQL Server has no answer for the query starting '{firstLine}'; add it to {nameof(FakeSqlServer)}."));
    }

    private TdsReply PerDatabase(string text, string? name, Func<FakeDatabase, TdsReply> answer)
    {
        var database = Databases.FirstOrDefault(candidate => candidate.Name == name);
        if (database is null)
        {
            return TdsReply.Failure(new TdsError(UnknownQueryError, $"Fake SQL Server has no database '{name}' for a per-database query."));
        }

        var deniedQuery = database.DeniedQuery;
        var isDenied = deniedQuery is not null && (text == deniedQuery || text.EndsWith(deniedQuery, StringComparison.Ordinal));
        return isDenied ? TdsReply.Failure(TdsError.SelectDenied("backupset", "msdb")) : answer(database);
    }

    private static TdsReply Scalar(string column, TdsType type, object? value) =>
        TdsReply.Results(TdsResultSet.Single(TdsColumn.Of(column, type), value));
}
