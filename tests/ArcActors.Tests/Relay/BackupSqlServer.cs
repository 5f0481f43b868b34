using System.Text.RegularExpressions;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Tests.Tds;

namespace ArcActors.Tests.Relay;

/// <summary>
/// A TDS endpoint that replies to discovery like <see cref="FakeSqlServer"/> and plays SQL Server's part in
/// backups: it keeps msdb's backup history (the descriptions of finished backup sets), replies to
/// <see cref="BackupHistoryQuery.Sql"/> from it, and can hold the next BACKUP until the test releases it,
/// either after the backup finished (the history has it) or aborting it (as SQL Server does when the
/// client's connection dies mid-backup).
/// </summary>
internal sealed partial class BackupSqlServer : IAsyncDisposable
{
    public const string InstanceName = "SQLKILL";

    private readonly FakeSqlServer _fake = new()
    {
        Properties = new FakeInstanceProperties { InstanceName = InstanceName, ServerName = $"SQL-KILL-01\\{InstanceName}", InstanceDefaultBackupPath = "/var/opt/mssql/backup" },
        Databases = [new FakeDatabase("master"), new FakeDatabase("tempdb") { RecoveryModelDesc = "SIMPLE" }, new FakeDatabase("model"), new FakeDatabase("msdb") { RecoveryModelDesc = "SIMPLE" }, new FakeDatabase("Sales") { LastFullBackup = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) }],
    };

    private readonly Lock _gate = new();
    private readonly List<string> _backups = [];
    private readonly List<string> _history = [];
    private readonly List<string> _changes = [];
    private readonly SemaphoreSlim _release = new(0);
    private readonly TdsTestServer _server;
    private HoldMode _hold;

    public BackupSqlServer()
    {
        _server = TdsTestServer.Start(Answer, _fake.CheckLogin);
    }

    /// <summary>How the next BACKUP is held: not at all, after it finished, or until it is aborted.</summary>
    public enum HoldMode { None, AfterFinish, ThenAbort }

    public TaskCompletionSource HeldBackupArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ConnectionString => _server.ConnectionString("arc", "Str0ng!Pass").Replace("127.0.0.1,", $"127.0.0.1\\{InstanceName},", StringComparison.Ordinal);

    /// <summary>Every BACKUP statement received, finished or not.</summary>
    public IReadOnlyList<string> BackupStatements
    {
        get
        {
            lock (_gate)
            {
                return [.. _backups];
            }
        }
    }

    /// <summary>The descriptions of the backup sets that finished.</summary>
    public IReadOnlyList<string> FinishedBackups
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>The permission statements received (grants, revokes, logins, users, role members), in order.</summary>
    public IReadOnlyList<string> PermissionChanges
    {
        get
        {
            lock (_gate)
            {
                return [.. _changes];
            }
        }
    }

    public void HoldNextBackup(HoldMode mode) => _hold = mode;

    public void ReleaseHeldBackup() => _release.Release();

    private TdsReply Answer(TdsRequest request)
    {
        if (request.Text.StartsWith("BACKUP ", StringComparison.Ordinal))
        {
            return Backup(request.Text);
        }

        if (request.Text == BackupHistoryQuery.Sql)
        {
            var description = request.TextParameter("@description");
            int count;
            lock (_gate)
            {
                count = _history.Count(finished => finished == description);
            }

            return TdsReply.Results(TdsResultSet.Single(TdsColumn.Of("", TdsType.Int), count));
        }

        if (PermissionKeywords.Any(keyword => request.Text.Contains(keyword, StringComparison.Ordinal)))
        {
            lock (_gate)
            {
                _changes.Add(request.Text);
            }

            return TdsReply.Results();
        }

        return _fake.Answer(request);
    }

    private static readonly string[] PermissionKeywords = ["GRANT ", "REVOKE ", "CREATE LOGIN", "CREATE USER", "DROP LOGIN", "DROP USER", "ALTER ROLE", "ALTER SERVER ROLE"];

    private TdsReply Backup(string statement)
    {
        var description = DescriptionPattern().Match(statement).Groups[1].Value;
        var hold = _hold;
        _hold = HoldMode.None;
        lock (_gate)
        {
            _backups.Add(statement);
            if (hold != HoldMode.ThenAbort)
            {
                _history.Add(description);
            }
        }

        if (hold == HoldMode.None)
        {
            return TdsReply.Results();
        }

        HeldBackupArrived.TrySetResult();
        _release.Wait(TimeSpan.FromMinutes(2));
        return TdsReply.Failure(new TdsError(3013, "BACKUP DATABASE is terminating abnormally."));
    }

    [GeneratedRegex("DESCRIPTION = N'([^']*)'")]
    private static partial Regex DescriptionPattern();

    public async ValueTask DisposeAsync()
    {
        _release.Release(10);
        await _server.DisposeAsync();
    }
}
