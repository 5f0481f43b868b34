using System.Data.Common;
using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Errors;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Execution;

/// <summary>
/// Writes the Error text of a failed step: the status, the database and data source, and the cause,
/// with the connection string and its password replaced by "(hidden)".
/// </summary>
internal sealed class SqlStepFailureMessages(string connectionString)
{
    private const string Hidden = "(hidden)";

    private readonly string? _dataSource = TryRead(connectionString, builder => builder.DataSource);
    private readonly string? _password = PasswordOf(connectionString);

    public string For(SqlException exception, string database, bool notRetried)
    {
        var message = $"{SqlExceptionClassifier.StatusOf(exception)}: {SqlExceptionClassifier.MessageFor(exception, Target(database))}";
        if (notRetried)
        {
            message += " The statement was not retried because it may have finished on the server and is not safe to repeat;"
                + " check its outcome on the server before running it again.";
        }

        return Redact(message);
    }

    public string For(Exception exception, string database, SqlStepPhase phase) =>
        Redact($"{ProbeStatus.Failed}: {Target(database)}: {PhaseText(phase)} failed: {exception.GetType().Name}: {exception.Message}");

    public string ForCancellation(string database, bool sent) =>
        Redact(sent
            ? $"{ProbeStatus.Failed}: {Target(database)}: cancelled while the statement ran; it may have finished on the server."
            : $"{ProbeStatus.Failed}: {Target(database)}: cancelled before the statement was sent.");

    private string Target(string database) =>
        _dataSource is null ? $"database [{database}]" : $"database [{database}] on {_dataSource}";

    private static string PhaseText(SqlStepPhase phase) => phase switch
    {
        SqlStepPhase.BuildingConnectionString => "building the connection string (check its values)",
        SqlStepPhase.Opening => "opening the connection",
        _ => "running the statement",
    };

    // SqlClient 7.1 quotes some invalid values in its errors ("The input string 'many' was not in a
    // correct format."), so any text of the connection string or its password is replaced.
    private string Redact(string message)
    {
        if (connectionString.Length > 0)
        {
            message = message.Replace(connectionString, Hidden, StringComparison.Ordinal);
        }

        if (!string.IsNullOrEmpty(_password))
        {
            message = message.Replace(_password, Hidden, StringComparison.Ordinal);
        }

        return message;
    }

    // DbConnectionStringBuilder checks only the key=value syntax, so it finds the password even when
    // another value is invalid for SqlClient.
    private static string? PasswordOf(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.TryGetValue("password", out var password) || builder.TryGetValue("pwd", out password) ? password as string : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? TryRead(string connectionString, Func<SqlConnectionStringBuilder, string> read)
    {
        try
        {
            return read(new SqlConnectionStringBuilder(connectionString));
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
