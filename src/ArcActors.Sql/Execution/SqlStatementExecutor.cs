using ArcActors.Sql.Discovery;
using ArcActors.Sql.Errors;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Execution;

/// <summary>
/// Runs plan statements (grants, revokes, backups) through Microsoft.Data.SqlClient, in order, on one
/// connection per run of steps in the same database. A transient error (a dropped connection, a
/// deadlock, a timeout) is retried with backoff. Any other failure stops the run, because later
/// statements build on earlier ones: a GRANT needs the user that a CREATE USER made.
/// </summary>
public sealed class SqlStatementExecutor(string connectionString, SqlDiscoveryOptions options, TransientRetry? retry = null)
{
    private readonly TransientRetry _retry = retry ?? new TransientRetry(options.MaxRetries, options.RetryBaseDelay);

    public async Task<IReadOnlyList<SqlStepResult>> ExecuteAsync(IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken)
    {
        var results = new List<SqlStepResult>(steps.Count);
        var index = 0;
        while (index < steps.Count)
        {
            var database = steps[index].Database;
            var batch = steps.Skip(index).TakeWhile(step => step.Database == database).ToList();
            var failed = await RunInDatabaseAsync(database, batch, results, cancellationToken).ConfigureAwait(false);
            index += batch.Count;
            if (failed)
            {
                results.AddRange(steps.Skip(index).Select(step => new SqlStepResult(step, SqlStepOutcome.NotRun, "an earlier step failed")));
                break;
            }
        }

        return results;
    }

    // Returns true when a step failed; its result and those of the steps after it in the batch are added.
    private async Task<bool> RunInDatabaseAsync(string database, List<SqlStep> batch, List<SqlStepResult> results, CancellationToken cancellationToken)
    {
        var done = 0;
        try
        {
            await _retry.ExecuteAsync(async token =>
            {
                await using var connection = new SqlConnection(ConnectionStringFor(database));
                await connection.OpenAsync(token).ConfigureAwait(false);
                for (; done < batch.Count; done++)
                {
                    await ExecuteAsync(connection, batch[done].Sql, token).ConfigureAwait(false);
                    results.Add(new SqlStepResult(batch[done], SqlStepOutcome.Succeeded));
                }

                return done;
            }, SqlExceptionClassifier.IsTransient, onRetry: null, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (SqlException exception)
        {
            var target = $"database [{database}] on {new SqlConnectionStringBuilder(connectionString).DataSource}";
            results.Add(new SqlStepResult(batch[done], SqlStepOutcome.Failed,
                $"{SqlExceptionClassifier.StatusOf(exception)}: {SqlExceptionClassifier.MessageFor(exception, target)}"));
            results.AddRange(batch.Skip(done + 1).Select(step => new SqlStepResult(step, SqlStepOutcome.NotRun, "an earlier step failed")));
            return true;
        }
    }

    private async Task ExecuteAsync(SqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(options.CommandTimeout.TotalSeconds));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private string ConnectionStringFor(string database)
    {
        var builder = new SqlConnectionStringBuilder(SqlQueryRunner.BuildConnectionString(connectionString, options)) { InitialCatalog = database };
        if (builder.ApplicationName == "ArcActors discovery")
        {
            builder.ApplicationName = "ArcActors deployer";
        }

        return builder.ConnectionString;
    }
}
