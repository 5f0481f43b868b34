namespace ArcActors.Sql.Privileges;

/// <summary>Whether a statement creates or grants an item, or removes it.</summary>
public enum PrivilegeAction
{
    Grant,
    Revoke,
}
