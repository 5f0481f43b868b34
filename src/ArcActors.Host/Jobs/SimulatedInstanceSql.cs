using System.Collections.Concurrent;
using ArcActors.Contracts.Discovery;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Execution;
using ArcActors.Sql.Privileges;

namespace ArcActors.Host.Jobs;

/// <summary>
/// The SQL Server of simulated hosts: every step succeeds and is recorded per instance. BACKUP statements
/// add to the instance's backup history, stamped with <paramref name="clock"/>, and an msdb history cleanup
/// removes the entries it would delete. Simulations and the embedded node use it; real hosts use
/// <see cref="SqlClientInstanceSql"/>. Instances are identified by name only, so use one per host.
/// </summary>
/// <param name="clock">The clock that stamps backups; <see cref="TimeProvider.System"/> when null.</param>
/// <param name="backupFinished">Called after each BACKUP statement, for example to show the backup in the simulated fleet's inventory.</param>
public sealed class SimulatedInstanceSql(TimeProvider? clock = null, Action<SimulatedBackup>? backupFinished = null) : IInstanceSql
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SqlStep>> _steps = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _finishedBackups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<SimulatedBackup>> _history = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SimulatedPrincipalPermissions> _permissions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The steps run on <paramref name="instanceName"/>, in order.</summary>
    public IReadOnlyList<SqlStep> StepsOf(string instanceName) =>
        _steps.TryGetValue(instanceName, out var steps) ? [.. steps] : [];

    /// <summary>The backups of <paramref name="instanceName"/> that the history still holds, oldest first.</summary>
    public IReadOnlyList<SimulatedBackup> BackupsOf(string instanceName)
    {
        var history = _history.GetOrAdd(instanceName, _ => []);
        lock (history)
        {
            return [.. history];
        }
    }

    /// <summary>
    /// The items the least-privilege principal (<see cref="LeastPrivilegePlanner.DefaultPrincipal"/>) holds on
    /// <paramref name="instanceName"/>. The planner's statements that run through <see cref="ExecuteAsync"/>
    /// change it, and a test changes it by hand through Add and Remove.
    /// </summary>
    public SimulatedPrincipalPermissions PermissionsOf(string instanceName) =>
        _permissions.GetOrAdd(instanceName, _ => new SimulatedPrincipalPermissions(LeastPrivilegePlanner.DefaultPrincipal));

    public Task<IReadOnlyList<SqlStepResult>> ExecuteAsync(InstanceLocation instance, IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken)
    {
        var log = _steps.GetOrAdd(instance.InstanceName, _ => new ConcurrentQueue<SqlStep>());
        foreach (var step in steps)
        {
            log.Enqueue(step);
            Apply(instance.InstanceName, step.Sql);
            PermissionsOf(instance.InstanceName).TryApply(step.Database, step.Sql);
        }

        return Task.FromResult<IReadOnlyList<SqlStepResult>>(steps.Select(step => new SqlStepResult(step, SqlStepOutcome.Succeeded)).ToList());
    }

    public Task<bool> BackupFinishedAsync(InstanceLocation instance, string database, BackupKind kind, string description, CancellationToken cancellationToken) =>
        Task.FromResult(_finishedBackups.ContainsKey(Key(instance.InstanceName, description)));

    public Task<IReadOnlyList<LastBackupStart>> LastBackupStartsAsync(InstanceLocation instance, DateTimeOffset since, CancellationToken cancellationToken)
    {
        IReadOnlyList<LastBackupStart> starts = BackupsOf(instance.InstanceName)
            .Where(backup => backup.StartedAt >= since)
            .GroupBy(backup => (backup.Database, backup.Kind))
            .Select(group => new LastBackupStart(group.Key.Database, group.Key.Kind, group.Max(backup => backup.StartedAt)))
            .ToList();
        return Task.FromResult(starts);
    }

    public Task<IReadOnlyList<BackupHistoryEntry>> AutomatedBackupHistoryAsync(InstanceLocation instance, CancellationToken cancellationToken)
    {
        IReadOnlyList<BackupHistoryEntry> history = BackupsOf(instance.InstanceName)
            .Select(backup => new BackupHistoryEntry(backup.Database, backup.Kind, backup.FilePath, backup.StartedAt))
            .ToList();
        return Task.FromResult(history);
    }

    /// <exception cref="NotSupportedException">The principal is not the one the simulated server tracks.</exception>
    public Task<IReadOnlySet<PermissionItem>> ReadPermissionsAsync(
        InstanceLocation instance, string principal, IReadOnlyList<DatabaseTarget> databases, CancellationToken cancellationToken)
    {
        var permissions = PermissionsOf(instance.InstanceName);
        if (!string.Equals(principal, permissions.Principal, StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException(
                $"The simulated SQL Server tracks the permissions of '{permissions.Principal}' only, not of '{principal}'; read that principal instead.");
        }

        return Task.FromResult(permissions.Read(databases));
    }

    private void Apply(string instanceName, string sql)
    {
        if (SimulatedStatementReader.ReadBackup(instanceName, sql, _clock.GetUtcNow()) is { } backup)
        {
            var history = _history.GetOrAdd(instanceName, _ => []);
            lock (history)
            {
                history.Add(backup);
            }

            if (backup.Description is { } description)
            {
                _finishedBackups[Key(instanceName, description)] = 0;
            }

            backupFinished?.Invoke(backup);
            return;
        }

        // The simulated server's local time is UTC, so @oldest_date compares directly with the start times.
        if (SimulatedStatementReader.ReadHistoryCleanup(sql) is { } oldestDate)
        {
            var history = _history.GetOrAdd(instanceName, _ => []);
            lock (history)
            {
                history.RemoveAll(entry => entry.StartedAt.UtcDateTime < oldestDate);
            }
        }
    }

    private static string Key(string instanceName, string description) => $"{instanceName.ToUpperInvariant()}\n{description}";
}
