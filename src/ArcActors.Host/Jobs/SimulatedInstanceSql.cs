using System.Collections.Concurrent;
using ArcActors.Contracts.Discovery;
using ArcActors.Sql.Backups;
using ArcActors.Sql.Execution;

namespace ArcActors.Host.Jobs;

/// <summary>
/// The SQL Server of simulated hosts: every step succeeds and is recorded per instance, and BACKUP
/// statements with a description add it to the instance's backup history. Simulations and the embedded
/// node use it; real hosts use <see cref="SqlClientInstanceSql"/>.
/// </summary>
public sealed class SimulatedInstanceSql : IInstanceSql
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SqlStep>> _steps = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _finishedBackups = new(StringComparer.Ordinal);

    /// <summary>The steps run on <paramref name="instanceName"/>, in order.</summary>
    public IReadOnlyList<SqlStep> StepsOf(string instanceName) =>
        _steps.TryGetValue(instanceName, out var steps) ? [.. steps] : [];

    public Task<IReadOnlyList<SqlStepResult>> ExecuteAsync(InstanceLocation instance, IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken)
    {
        var log = _steps.GetOrAdd(instance.InstanceName, _ => new ConcurrentQueue<SqlStep>());
        foreach (var step in steps)
        {
            log.Enqueue(step);
            if (DescriptionOf(step.Sql) is { } description)
            {
                _finishedBackups[Key(instance.InstanceName, description)] = 0;
            }
        }

        return Task.FromResult<IReadOnlyList<SqlStepResult>>(steps.Select(step => new SqlStepResult(step, SqlStepOutcome.Succeeded)).ToList());
    }

    public Task<bool> BackupFinishedAsync(InstanceLocation instance, string database, BackupKind kind, string description, CancellationToken cancellationToken) =>
        Task.FromResult(_finishedBackups.ContainsKey(Key(instance.InstanceName, description)));

    private static string? DescriptionOf(string sql)
    {
        const string marker = "DESCRIPTION = N'";
        var start = sql.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        var end = sql.IndexOf('\'', start);
        return end < 0 ? null : sql[start..end];
    }

    private static string Key(string instanceName, string description) => $"{instanceName.ToUpperInvariant()}\n{description}";
}
