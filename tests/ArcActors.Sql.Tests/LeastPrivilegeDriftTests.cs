using ArcActors.Sql.Privileges;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>Drift between held and required items, and the statements that fix it, read back from their syntax trees.</summary>
public sealed class LeastPrivilegeDriftTests
{
    private const string Principal = LeastPrivilegePlanner.DefaultPrincipal;

    private static readonly IReadOnlyList<DatabaseTarget> Databases =
    [
        new("master", IsSystem: true, IsReadable: true),
        new("tempdb", IsSystem: true, IsReadable: true),
        new("model", IsSystem: true, IsReadable: true),
        new("msdb", IsSystem: true, IsReadable: true),
        new("O'Brien [eu] data", IsSystem: false, IsReadable: true),
    ];

    private static readonly IReadOnlySet<PermissionItem> Required =
        LeastPrivilegePlanner.RequiredItems([ExtensionFeature.MigrationAssessment, ExtensionFeature.AvailabilityGroupDiscovery], Databases);

    [Fact]
    public void LeastPrivilegeDrift_NothingMissing()
    {
        var drift = LeastPrivilegeDrift.Compute(Required.ToHashSet(), Required);

        Assert.False(drift.HasDrift);
        Assert.Empty(drift.FixStatements(Principal, Databases));
        Assert.Equal("no drift", drift.ToString());
    }

    [Fact]
    public void LeastPrivilegeDrift_GrantRemovedByHand()
    {
        var removed = PermissionItem.ServerPermission("VIEW SERVER STATE");
        var current = Required.Where(item => item != removed).ToHashSet();

        var drift = LeastPrivilegeDrift.Compute(current, Required);

        Assert.Equal([removed], drift.Missing);
        Assert.Empty(drift.Extra);
        var statement = Assert.Single(drift.FixStatements(Principal, Databases));
        Assert.Equal((removed, PrivilegeAction.Grant), PrivilegeSqlInterpreter.Interpret(statement, Principal));
        Assert.Equal("1 missing: server permission VIEW SERVER STATE", drift.ToString());
    }

    [Fact]
    public void LeastPrivilegeDrift_ExtraGrant()
    {
        var extra = PermissionItem.DatabaseRole("msdb", "db_owner");
        var current = Required.Append(extra).ToHashSet();

        var drift = LeastPrivilegeDrift.Compute(current, Required);

        Assert.Empty(drift.Missing);
        Assert.Equal([extra], drift.Extra);
        var statement = Assert.Single(drift.FixStatements(Principal, Databases));
        Assert.Equal((extra, PrivilegeAction.Revoke), PrivilegeSqlInterpreter.Interpret(statement, Principal));
    }

    [Fact]
    public void LeastPrivilegeDrift_LoginDropped()
    {
        var drift = LeastPrivilegeDrift.Compute(new HashSet<PermissionItem>(), Required);

        Assert.Equal(Required.Count, drift.Missing.Count);
        Assert.Equal(PermissionItem.Login(), drift.Missing[0]);
        Assert.Empty(drift.Extra);

        var held = new HashSet<PermissionItem>();
        PrivilegeSqlInterpreter.Apply(held, new PrivilegePlan(drift.FixStatements(Principal, Databases), []), Principal);
        Assert.Equal(Required.ToHashSet(), held);
    }

    [Fact]
    public void LeastPrivilegeDrift_MissingAndExtraFixedTogether()
    {
        var removed = PermissionItem.ObjectPermission("msdb", "SELECT", "dbo", "backupset");
        var extra = PermissionItem.ServerPermission("ALTER ANY LOGIN");
        var current = Required.Where(item => item != removed).Append(extra).ToHashSet();

        var drift = LeastPrivilegeDrift.Compute(current, Required);
        var statements = drift.FixStatements(Principal, Databases);

        Assert.Equal([PrivilegeAction.Grant, PrivilegeAction.Revoke], statements.Select(statement => statement.Action));
        Assert.Equal([removed, extra], statements.Select(statement => statement.Item));
        Assert.Equal("1 missing: SELECT ON [dbo].[backupset] in msdb; 1 extra: server permission ALTER ANY LOGIN", drift.ToString());
    }

    [Fact]
    public void LeastPrivilegeDrift_MissingSortedByKind()
    {
        var drift = LeastPrivilegeDrift.Compute(new HashSet<PermissionItem>(), Required);

        var kinds = drift.Missing.Select(item => item.Kind).ToList();
        Assert.Equal(kinds.Order().ToList(), kinds);
    }
}
