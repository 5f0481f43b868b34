namespace ArcActors.Sql.Privileges;

/// <summary>Writes T-SQL Unicode string literals for names compared with <c>sysname</c> columns or passed as paths.</summary>
public static class SqlStringLiteral
{
    /// <summary>
    /// Returns <paramref name="value"/> as an N'' literal with every single quote doubled, so the text
    /// stays one literal whatever it holds, and characters outside the code page survive.
    /// </summary>
    public static string Unicode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        return "N'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
