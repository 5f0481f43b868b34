namespace ArcActors.Sql.Tests.Tds;

/// <summary>The fields of an ERROR token: what SqlClient surfaces as <c>SqlError</c>.</summary>
public sealed record TdsError(
    int Number,
    string Message,
    byte State = 1,
    byte Class = 16,
    string Server = "TDSTEST",
    string Procedure = "",
    int Line = 1)
{
    public static TdsError LoginFailed(string userName) =>
        new(18456, $"Login failed for user '{userName}'.", State: 1, Class: 14);

    /// <summary>Error 229 as SQL Server words it for a denied SELECT.</summary>
    public static TdsError SelectDenied(string objectName, string databaseName, string schemaName = "dbo") =>
        new(229, $"The SELECT permission was denied on the object '{objectName}', database '{databaseName}', schema '{schemaName}'.", State: 5, Class: 14);
}
