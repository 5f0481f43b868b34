using System.Net.Sockets;
using ArcActors.Contracts.Inventory;
using Microsoft.Data.SqlClient;

namespace ArcActors.Sql.Errors;

/// <summary>Applies the rules of <see cref="SqlErrorClassifier"/> to a whole <see cref="SqlException"/>.</summary>
public static class SqlExceptionClassifier
{
    private const byte TransportErrorClass = 20;

    /// <summary>Returns the first known number among the exception's errors, else <see cref="SqlException.Number"/>.</summary>
    public static int DecidingNumber(SqlException exception)
    {
        var numbers = exception.Errors.Cast<SqlError>().Select(error => error.Number).Append(exception.Number);
        return SqlErrorClassifier.DecidingNumber(numbers);
    }

    /// <summary>
    /// True when the network connection failed, which the error number alone does not reveal. On
    /// Linux the managed network layer of SqlClient 7.1 reports a refused TCP connection as error
    /// number 0 with an inner SocketException. A connection the server dropped in the middle of a
    /// result ("A transport-level error has occurred") is error number 0 of class 20, with no inner exception.
    /// </summary>
    public static bool IsSocketFailure(SqlException exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException)
            {
                return true;
            }
        }

        return exception.Errors.Cast<SqlError>().Any(IsTransportError);
    }

    /// <summary>An error SqlClient raised itself (number 0) with the severity that breaks the connection (class 20 or more).</summary>
    private static bool IsTransportError(SqlError error) => error.Number == 0 && error.Class >= TransportErrorClass;

    public static ProbeStatus StatusOf(SqlException exception)
    {
        var status = SqlErrorClassifier.StatusFor(DecidingNumber(exception));
        return status == ProbeStatus.Failed && IsSocketFailure(exception) ? ProbeStatus.Unreachable : status;
    }

    /// <summary>True for a SqlException that a probe reports as a status instead of throwing.</summary>
    public static bool IsKnown(Exception exception) =>
        exception is SqlException sql && (SqlErrorClassifier.IsKnown(DecidingNumber(sql)) || IsSocketFailure(sql));

    /// <summary>True for a SqlException worth retrying: a connection failure, timeout or deadlock.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is SqlException sql && (SqlErrorClassifier.IsTransient(DecidingNumber(sql)) || IsSocketFailure(sql));

    /// <summary>Returns the status message, naming the target but never a password.</summary>
    public static string MessageFor(SqlException exception, string targetDescription)
    {
        var number = DecidingNumber(exception);
        if (StatusOf(exception) == ProbeStatus.Unreachable && !SqlErrorClassifier.IsKnown(number))
        {
            return $"{targetDescription}: instance unreachable (network error, SQL error {number}): {exception.Message}";
        }

        return SqlErrorClassifier.MessageFor(number, targetDescription, exception.Message);
    }
}
