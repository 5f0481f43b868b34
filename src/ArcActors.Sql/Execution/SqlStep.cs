using ArcActors.Sql.Backups;
using ArcActors.Sql.Privileges;

namespace ArcActors.Sql.Execution;

/// <summary>One statement that changes a server, with the database it runs in and what it does, for logs and results.</summary>
public sealed record SqlStep(string Database, string Sql, string Description)
{
    /// <summary>
    /// True when the executor may send the statement again after a transient failure (a dropped
    /// connection, a timeout, a deadlock). False for a statement whose first attempt may have finished
    /// on the server and whose repeat would do harm. A failure while the connection opens is retried
    /// either way, because the statement was not sent yet.
    /// </summary>
    public bool Retryable { get; init; } = true;

    /// <summary>
    /// Command timeout of this statement: null takes <see cref="Discovery.SqlDiscoveryOptions.CommandTimeout"/>,
    /// and <see cref="TimeSpan.Zero"/> sets no limit (SqlCommand.CommandTimeout = 0).
    /// </summary>
    public TimeSpan? CommandTimeout { get; init; }

    /// <summary>
    /// Returns the grants, revokes and principal statements of a plan. They stay retryable because each is
    /// guarded by an existence check or is idempotent, and they use the configured command timeout.
    /// </summary>
    public static IReadOnlyList<SqlStep> From(PrivilegePlan plan) =>
        plan.Statements.Select(statement => new SqlStep(statement.Database, statement.Sql, $"{statement.Action} {statement.Item}")).ToList();

    /// <summary>
    /// Returns the BACKUP statements of a plan, not retryable and with no command timeout. A repeat
    /// writes the same file with FORMAT, INIT, so it would overwrite a backup that the first attempt
    /// finished, and for a log backup that breaks the log chain. A backup of a large database runs far
    /// longer than any timeout sized for discovery queries.
    /// </summary>
    public static IReadOnlyList<SqlStep> From(BackupPlan plan) =>
        plan.Statements.Select(statement => new SqlStep(statement.RunInDatabase, statement.Sql, $"{statement.Kind} backup of {statement.Database}")
        {
            Retryable = false,
            CommandTimeout = TimeSpan.Zero,
        }).ToList();
}
