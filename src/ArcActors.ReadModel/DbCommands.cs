using System.Data.Common;

namespace ArcActors.ReadModel;

/// <summary>
/// Small helpers that run one parameterized statement on a connection and optional transaction.
/// Parameters are named <c>@name</c>, which SQLite and Npgsql both accept.
/// </summary>
internal static class DbCommands
{
    public static int Execute(this DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(connection, transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Reads rows one at a time, so a large result never sits in memory whole.</summary>
    public static IEnumerable<T> Stream<T>(this DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        using var command = Create(connection, null, sql, []);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return map(reader);
        }
    }

    public static List<T> Query<T>(
        this DbConnection connection,
        DbTransaction? transaction,
        string sql,
        Func<DbDataReader, T> map,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Create(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        return ReadAll(reader, map);
    }

    public static List<T> ReadAll<T>(DbDataReader reader, Func<DbDataReader, T> map)
    {
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string? NullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>Replaces the parameters of <paramref name="command"/> with <paramref name="parameters"/>; null becomes SQL NULL.</summary>
    public static void SetParameters(DbCommand command, (string Name, object? Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    private static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        SetParameters(command, parameters);
        return command;
    }
}
