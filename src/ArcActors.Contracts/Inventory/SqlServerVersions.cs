namespace ArcActors.Contracts.Inventory;

/// <summary>Maps product versions to the ARM <c>version</c> labels.</summary>
public static class SqlServerVersions
{
    private static readonly Dictionary<int, string> LabelsByMajor = new()
    {
        [11] = "SQL Server 2012",
        [12] = "SQL Server 2014",
        [13] = "SQL Server 2016",
        [14] = "SQL Server 2017",
        [15] = "SQL Server 2019",
        [16] = "SQL Server 2022",
        [17] = "SQL Server 2025",
    };

    /// <summary>Returns the major version number of a product version such as 16.0.4135.4, or 0 when it cannot be read.</summary>
    public static int MajorOf(string productVersion)
    {
        var dot = productVersion.IndexOf('.');
        var head = dot < 0 ? productVersion : productVersion[..dot];
        return int.TryParse(head, out var major) ? major : 0;
    }

    public static string LabelFor(string productVersion) =>
        LabelsByMajor.TryGetValue(MajorOf(productVersion), out var label) ? label : "Unknown";

    /// <summary>Returns the default database compatibility level of an engine major version (160 for SQL Server 2022).</summary>
    public static int DefaultCompatibilityLevel(string productVersion)
    {
        var major = MajorOf(productVersion);
        return major >= 10 ? major * 10 : 0;
    }
}
