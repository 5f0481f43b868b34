namespace ArcActors.Sql.Privileges;

/// <summary>An item a plan deliberately leaves in place, with the reason and what lets a later run remove it.</summary>
public sealed record PrivilegeLeftover(PermissionItem Item, string Reason);
