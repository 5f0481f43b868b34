using Xunit;

namespace ArcActors.Tests.Postgres;

/// <summary>
/// A fact that runs only when <see cref="PostgresDatabase.ServerVariable"/> gives a PostgreSQL server,
/// and is skipped otherwise, with a message that explains how to run it. xUnit 2.9 has no skip at run
/// time, so the decision is made when the test is discovered.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresDatabase.ServerVariable)))
        {
            Skip = $"{PostgresDatabase.ServerVariable} is not set; set it to the Npgsql connection string of a PostgreSQL 15+ server " +
                "whose role may create databases (e.g. 'Host=127.0.0.1;Port=5432;Username=arcactors;Database=postgres'), or run .ci/run, which starts one.";
        }
    }
}
