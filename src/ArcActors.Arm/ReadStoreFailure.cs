using System.Data.Common;
using System.Diagnostics;
using ArcActors.ReadModel;

namespace ArcActors.Arm;

/// <summary>
/// Tells an unavailable read store (database server down, database dropped, SQLite file gone, store
/// closed) from a bug, so the API returns 503 with Retry-After for the first and 500 for the second.
/// </summary>
internal static class ReadStoreFailure
{
    /// <summary>Seconds a client waits before it retries, sent as Retry-After. An estimate, short enough to find a restarted PostgreSQL soon.</summary>
    public const int RetryAfterSeconds = 10;

    private static readonly string[] ClientNamespaces = ["Npgsql", "Microsoft.Data.Sqlite", "SQLitePCL"];

    /// <summary>
    /// Returns true for a <see cref="DbException"/> (Npgsql and SQLite errors) anywhere in the chain, for a
    /// closed <see cref="ReadStore"/>, and for an <see cref="InvalidOperationException"/> or
    /// <see cref="TimeoutException"/> thrown inside the database client while a connection opens.
    /// </summary>
    public static bool IsStoreFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException)
            {
                return true;
            }
        }

        if (exception is ObjectDisposedException { ObjectName: var name } && name == typeof(ReadStore).FullName)
        {
            return true;
        }

        return exception is InvalidOperationException or TimeoutException && ThrownByDatabaseClient(exception);
    }

    /// <summary>Returns the type and message of the exception and of its innermost cause, for one log line.</summary>
    public static string Describe(Exception exception)
    {
        var described = $"{exception.GetType().Name}: {exception.Message}";
        var innermost = exception.GetBaseException();
        return ReferenceEquals(innermost, exception) ? described : $"{described} ({innermost.GetType().Name}: {innermost.Message})";
    }

    private static bool ThrownByDatabaseClient(Exception exception) =>
        new StackTrace(exception, fNeedFileInfo: false).GetFrames()
            .Select(frame => frame.GetMethod()?.DeclaringType?.Namespace)
            .Any(ns => ns is not null && ClientNamespaces.Any(client => ns.StartsWith(client, StringComparison.Ordinal)));
}
