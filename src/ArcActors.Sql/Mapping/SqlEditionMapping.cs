namespace ArcActors.Sql.Mapping;

/// <summary>Maps <c>SERVERPROPERTY('Edition')</c> text to the ARM <c>edition</c> of <c>sqlServerInstances</c>.</summary>
public static class SqlEditionMapping
{
    // Order matters: "Enterprise Evaluation Edition" names Enterprise too, and SQL Server 2025 ships
    // "Enterprise Developer" and "Standard Developer" editions, so the narrower words come first.
    private static readonly (string Marker, string ArmEdition)[] Markers =
    [
        ("Evaluation", "Evaluation"),
        ("Developer", "Developer"),
        ("Express", "Express"),
        ("Web", "Web"),
        ("Business Intelligence", "Business Intelligence"),
        ("Enterprise", "Enterprise"),
        ("Standard", "Standard"),
    ];

    /// <summary>
    /// Finds the ARM edition for edition text such as "Enterprise Edition: Core-based Licensing (64-bit)".
    /// Returns false for text that names no known edition (for example Azure SQL Edge).
    /// </summary>
    public static bool TryToArmEdition(string? editionText, out string armEdition)
    {
        armEdition = "";
        if (string.IsNullOrWhiteSpace(editionText))
        {
            return false;
        }

        foreach (var (marker, edition) in Markers)
        {
            if (editionText.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                armEdition = edition;
                return true;
            }
        }

        return false;
    }
}
