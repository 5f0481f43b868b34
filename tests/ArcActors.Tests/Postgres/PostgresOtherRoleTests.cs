using ArcActors.ReadModel;
using Xunit;

namespace ArcActors.Tests.Postgres;

/// <summary>A cloud node that connects as a PostgreSQL role that does not own the read store's tables.</summary>
public sealed class PostgresOtherRoleTests
{
    [PostgresOtherRoleFact]
    public void ReadStore_RoleNotOwnerNamesOwnerFix()
    {
        using var database = PostgresDatabase.Create();
        ReadStore.OpenPostgres(database.ConnectionString).Dispose();

        var error = Assert.Throws<InvalidOperationException>(() => ReadStore.OpenPostgres(database.ConnectionStringOfOtherRole()));

        Assert.Contains("permission denied for schema public", error.Message);
        Assert.Contains("must connect as the role that owns the read store's and the journal's tables", error.Message);
        Assert.DoesNotContain("user name and password are correct", error.Message);
    }
}
