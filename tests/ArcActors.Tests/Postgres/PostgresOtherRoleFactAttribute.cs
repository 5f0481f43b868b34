using Xunit;

namespace ArcActors.Tests.Postgres;

/// <summary>
/// A fact that needs, besides the server of <see cref="PostgresDatabase.ServerVariable"/>, a second
/// login role on it that owns nothing, named by <see cref="PostgresDatabase.OtherRoleVariable"/>.
/// It is skipped without either, with a message on how to run it.
/// </summary>
public sealed class PostgresOtherRoleFactAttribute : FactAttribute
{
    public PostgresOtherRoleFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresDatabase.ServerVariable))
            || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresDatabase.OtherRoleVariable)))
        {
            Skip = $"{PostgresDatabase.ServerVariable} or {PostgresDatabase.OtherRoleVariable} is not set; set the first to the Npgsql connection "
                + "string of a PostgreSQL 15+ server and the second to a login role on it that owns no tables and that the server lets in "
                + "without a password (CREATE ROLE arcactors_guest LOGIN, with trust authentication on loopback), or run .ci/run, which sets both.";
        }
    }
}
