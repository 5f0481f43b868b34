namespace ArcActors.Arm.Auth;

/// <summary>The built-in roles a token can carry, named and scoped as the Azure built-in roles of the same names.</summary>
public static class ArmRoles
{
    /// <summary>
    /// Reads everything and changes nothing. POST actions are not reads, so a Reader cannot call
    /// <c>getJobsStatus</c> or <c>getTelemetry</c>, as in Azure. It can read <c>bestPracticesAssessments/latest</c>.
    /// </summary>
    public static readonly ArmRole Reader = new("Reader", ["*/read"]);

    /// <summary>Every action: writes, deletes, provider registration and instance actions such as <c>getTelemetry</c>.</summary>
    public static readonly ArmRole Contributor = new("Contributor", ["*"]);

    /// <summary>Reads everything and reads monitoring data through <c>getTelemetry</c>.</summary>
    public static readonly ArmRole HybridDatabaseAdministratorReadOnly = new(
        "Azure Hybrid Database Administrator - Read Only Service Role",
        ["*/read", ArmActions.GetTelemetry]);

    public static readonly IReadOnlyList<ArmRole> All = [Reader, Contributor, HybridDatabaseAdministratorReadOnly];

    /// <summary>Returns the built-in role with this name (case-insensitive), or null.</summary>
    public static ArmRole? Find(string? name) =>
        All.FirstOrDefault(role => string.Equals(role.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The role names, quoted and comma-separated, for error messages.</summary>
    public static string NameList => string.Join(", ", All.Select(role => $"'{role.Name}'"));
}
