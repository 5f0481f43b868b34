using ArcActors.Sql.Discovery;
using ArcActors.Sql.Errors;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Execution;

/// <summary>
/// Runs plan statements (grants, revokes, backups) through Microsoft.Data.SqlClient, in order, on one
/// connection per run of steps in the same database. A transient error (a dropped connection, a
/// deadlock, a timeout) is retried with backoff, unless the step is not <see cref="SqlStep.Retryable"/>
/// and was already sent. Any other failure stops the run, because later statements build on earlier
/// ones: a GRANT needs the user that a CREATE USER made.
/// </summary>
/// <remarks>
/// ExecuteAsync does not throw for a failed step. Every exception of a step, including an invalid
/// connection string value and cancellation, becomes that step's Failed result, and the steps after
/// it are NotRun, so the results of the steps that already ran are never lost.
/// </remarks>
public sealed class SqlStatementExecutor(string connectionString, SqlDiscoveryOptions options, TransientRetry? retry = null)
{
    private const string EarlierStepFailed = "an earlier step failed";
    private const string Cancelled = "cancelled";

    private readonly TransientRetry _retry = retry ?? new TransientRetry(options.MaxRetries, options.RetryBaseDelay);
    private readonly SqlStepFailureMessages _messages = new(connectionString);

    /// <summary>Runs <paramref name="steps"/> in order and returns one result per step, in the same order.</summary>
    public async Task<IReadOnlyList<SqlStepResult>> ExecuteAsync(IReadOnlyList<SqlStep> steps, CancellationToken cancellationToken)
    {
        var results = new List<SqlStepResult>(steps.Count);
        var index = 0;
        while (index < steps.Count)
        {
            var database = steps[index].Database;
            var batch = steps.Skip(index).TakeWhile(step => step.Database == database).ToList();
            var notRunReason = await RunInDatabaseAsync(database, batch, results, cancellationToken).ConfigureAwait(false);
            index += batch.Count;
            if (notRunReason is not null)
            {
                results.AddRange(steps.Skip(index).Select(step => new SqlStepResult(step, SqlStepOutcome.NotRun, notRunReason)));
                break;
            }
        }

        return results;
    }

    /// <summary>Returns the seconds for SqlCommand.CommandTimeout: 0 (no limit) for a zero timeout, else whole seconds rounded up.</summary>
    internal static int CommandTimeoutSeconds(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout,
                "Command timeout must be zero (no limit) or positive; set SqlStep.CommandTimeout or SqlDiscoveryOptions.CommandTimeout accordingly.");
        }

        return timeout == TimeSpan.Zero ? 0 : Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
    }

    // Adds the results of the batch. Returns null when every step succeeded, else the reason that the
    // steps after the batch are not run.
    private async Task<string?> RunInDatabaseAsync(string database, List<SqlStep> batch, List<SqlStepResult> results, CancellationToken cancellationToken)
    {
        var done = 0;
        var phase = SqlStepPhase.BuildingConnectionString;
        try
        {
            await _retry.ExecuteAsync(async token =>
            {
                phase = SqlStepPhase.BuildingConnectionString;
                await using var connection = new SqlConnection(ConnectionStringFor(database));
                phase = SqlStepPhase.Opening;
                await connection.OpenAsync(token).ConfigureAwait(false);
                for (; done < batch.Count; done++)
                {
                    phase = SqlStepPhase.Running;
                    await ExecuteAsync(connection, batch[done], token).ConfigureAwait(false);
                    results.Add(new SqlStepResult(batch[done], SqlStepOutcome.Succeeded));
                }

                return done;
            }, exception => IsRetryable(exception, batch[done], phase), onRetry: null, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested)
        {
            // SqlClient reports a cancelled command as a SqlException, and an interrupted open or wait as an OperationCanceledException.
            AddFailure(batch, done, results, _messages.ForCancellation(database, phase == SqlStepPhase.Running), Cancelled);
            return Cancelled;
        }
        catch (SqlException exception)
        {
            var notRetried = phase == SqlStepPhase.Running && !batch[done].Retryable && SqlExceptionClassifier.IsTransient(exception);
            AddFailure(batch, done, results, _messages.For(exception, database, notRetried), EarlierStepFailed);
            return EarlierStepFailed;
        }
        catch (Exception exception)
        {
            // Any exception type: an invalid connection string value (ArgumentException), a rejected
            // timeout, or a driver failure must not throw away the results gathered so far.
            AddFailure(batch, done, results, _messages.For(exception, database, phase), EarlierStepFailed);
            return EarlierStepFailed;
        }
    }

    // A step that is not retryable is sent at most once, but a failure before it was sent (while the
    // connection opened) is retried, because the server has not seen the statement.
    private static bool IsRetryable(Exception exception, SqlStep step, SqlStepPhase phase) =>
        SqlExceptionClassifier.IsTransient(exception) && (phase != SqlStepPhase.Running || step.Retryable);

    private static void AddFailure(List<SqlStep> batch, int failedIndex, List<SqlStepResult> results, string error, string notRunReason)
    {
        results.Add(new SqlStepResult(batch[failedIndex], SqlStepOutcome.Failed, error));
        results.AddRange(batch.Skip(failedIndex + 1).Select(step => new SqlStepResult(step, SqlStepOutcome.NotRun, notRunReason)));
    }

    private async Task ExecuteAsync(SqlConnection connection, SqlStep step, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = step.Sql;
        command.CommandTimeout = CommandTimeoutSeconds(step.CommandTimeout ?? options.CommandTimeout);
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
