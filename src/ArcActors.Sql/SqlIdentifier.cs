namespace ArcActors.Sql;

/// <summary>Quotes SQL Server identifiers for the few places where a name must appear in statement text.</summary>
public static class SqlIdentifier
{
    /// <summary>Maximum length of a <c>sysname</c> identifier, in UTF-16 code units (nvarchar characters).</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Quotes a name as T-SQL <c>QUOTENAME(name)</c> does: wraps it in brackets and doubles every
    /// closing bracket. QUOTENAME returns NULL for input over 128 characters; this method throws instead.
    /// </summary>
    /// <exception cref="ArgumentNullException">The name is null.</exception>
    /// <exception cref="ArgumentException">The name is longer than 128 characters.</exception>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        if (name.Length > MaxLength)
        {
            throw new ArgumentException(
                $"Identifier of {name.Length} characters is longer than the {MaxLength} a sysname holds; pass the name as SQL Server stores it.",
                nameof(name));
        }

        return "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";
    }
}
