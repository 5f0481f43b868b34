using ArcActors.Sql.Privileges;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>
/// Reads what a privilege statement does from its parsed syntax tree, independently of the item the
/// planner attached to it, and applies it to a simulated set of held items.
/// </summary>
internal static class PrivilegeSqlInterpreter
{
    // Server-scoped permissions a GRANT without ON can name; every other permission is database-scoped.
    private static readonly HashSet<string> ServerPermissions =
    [
        "CONNECT SQL", "CONNECT ANY DATABASE", "VIEW ANY DATABASE", "VIEW ANY DEFINITION", "VIEW SERVER STATE",
        "CREATE ANY DATABASE", "ALTER ANY AVAILABILITY GROUP",
    ];

    public static (PermissionItem Item, PrivilegeAction Action) Interpret(PrivilegeStatement statement, string principal)
    {
        var parsed = TSqlParsing.SingleStatement(statement.Sql);
        if (parsed is IfStatement guarded)
        {
            Assert.Null(guarded.ElseStatement);
            parsed = guarded.ThenStatement;
        }

        return parsed switch
        {
            CreateLoginStatement login => Principal(login.Name, principal, PermissionItem.Login(), PrivilegeAction.Grant),
            DropLoginStatement login => Principal(login.Name, principal, PermissionItem.Login(), PrivilegeAction.Revoke),
            CreateUserStatement user => Principal(user.Name, principal, PermissionItem.User(statement.Database), PrivilegeAction.Grant),
            DropUserStatement user => Principal(user.Name, principal, PermissionItem.User(statement.Database), PrivilegeAction.Revoke),
            GrantStatement grant => Security(grant, statement.Database, principal, PrivilegeAction.Grant),
            RevokeStatement revoke => Security(revoke, statement.Database, principal, PrivilegeAction.Revoke),
            AlterServerRoleStatement role => Role(role, principal, PermissionItem.ServerRole(role.Name.Value)),
            AlterRoleStatement role => Role(role, principal, PermissionItem.DatabaseRole(statement.Database, role.Name.Value)),
            _ => throw new InvalidOperationException($"Unexpected statement {parsed.GetType().Name}: {statement.Sql}"),
        };
    }

    /// <summary>Runs every statement of a plan against <paramref name="held"/>, as the server would.</summary>
    public static void Apply(HashSet<PermissionItem> held, PrivilegePlan plan, string principal)
    {
        foreach (var statement in plan.Statements)
        {
            var (item, action) = Interpret(statement, principal);
            if (action == PrivilegeAction.Grant)
            {
                held.Add(item);
            }
            else
            {
                held.Remove(item);
            }
        }
    }

    private static (PermissionItem, PrivilegeAction) Principal(Identifier name, string principal, PermissionItem item, PrivilegeAction action)
    {
        Assert.Equal(principal, name.Value);
        return (item, action);
    }

    private static (PermissionItem, PrivilegeAction) Security(SecurityStatement statement, string database, string principal, PrivilegeAction action)
    {
        Assert.Single(statement.Permissions);
        Assert.Single(statement.Principals);
        Assert.Equal(principal, statement.Principals[0].Identifier.Value);

        var permission = string.Join(" ", statement.Permissions[0].Identifiers.Select(identifier => identifier.Value.ToUpperInvariant()));
        var target = statement.SecurityTargetObject;
        if (target is not null)
        {
            Assert.Equal(SecurityObjectKind.Object, target.ObjectKind);
            var parts = target.ObjectName.MultiPartIdentifier.Identifiers;
            Assert.Equal(2, parts.Count);
            return (PermissionItem.ObjectPermission(database, permission, parts[0].Value, parts[1].Value), action);
        }

        if (ServerPermissions.Contains(permission))
        {
            Assert.Equal("master", database);
            return (PermissionItem.ServerPermission(permission), action);
        }

        return (PermissionItem.DatabasePermission(database, permission), action);
    }

    private static (PermissionItem, PrivilegeAction) Role(AlterRoleStatement statement, string principal, PermissionItem item)
    {
        switch (statement.Action)
        {
            case AddMemberAlterRoleAction add:
                Assert.Equal(principal, add.Member.Value);
                return (item, PrivilegeAction.Grant);
            case DropMemberAlterRoleAction drop:
                Assert.Equal(principal, drop.Member.Value);
                return (item, PrivilegeAction.Revoke);
            default:
                throw new InvalidOperationException($"Unexpected role action {statement.Action.GetType().Name}.");
        }
    }
}
