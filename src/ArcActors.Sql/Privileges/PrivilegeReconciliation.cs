namespace ArcActors.Sql.Privileges;

/// <summary>The least-privilege drift found on one instance and whether the fix statements ran.</summary>
/// <param name="Instance">The instance name, such as MSSQLSERVER.</param>
/// <param name="Drift">What was missing or extra before the fix; <see cref="LeastPrivilegeDrift.None"/> when the read failed.</param>
/// <param name="Fixed">True when every fix statement succeeded; false when there was no drift, or the read or a statement failed.</param>
/// <param name="Error">Why reading or fixing the instance failed; empty on success.</param>
public sealed record PrivilegeReconciliation(string Instance, LeastPrivilegeDrift Drift, bool Fixed, string Error = "")
{
    public bool Failed => Error.Length > 0;
}
