using ArcActors.Sql.Privileges;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class LeastPrivilegePlannerTests
{
    private const string Principal = LeastPrivilegePlanner.DefaultPrincipal;

    private static readonly DatabaseTarget[] Instance =
    [
        new("master", IsSystem: true, IsReadable: true),
        new("tempdb", IsSystem: true, IsReadable: true),
        new("model", IsSystem: true, IsReadable: true),
        new("msdb", IsSystem: true, IsReadable: true),
        new("Sales", IsSystem: false, IsReadable: true),
        new("Archive", IsSystem: false, IsReadable: false),
        new("Reports", IsSystem: false, IsReadable: true, IsReadOnly: true),
    ];

    // Every database open and read-write, so an uninstall can clean all of them and drop the login.
    private static readonly DatabaseTarget[] CleanableInstance = Instance.Where(database => database.IsReadable && !database.IsReadOnly).ToArray();

    public static TheoryData<ExtensionFeature> Features()
    {
        var data = new TheoryData<ExtensionFeature>();
        foreach (var feature in Enum.GetValues<ExtensionFeature>())
        {
            data.Add(feature);
        }

        return data;
    }

    [Fact]
    public void LeastPrivilegePlanner_ApplyBaseCreatesLoginThenUsersThenGrants()
    {
        var plan = LeastPrivilegePlanner.PlanApply([], Principal, Instance);
        var kinds = plan.Statements.Select(statement => statement.Item.Kind).ToList();

        Assert.Equal(PermissionKind.Login, kinds[0]);
        Assert.Equal(PermissionKind.User, kinds[1]);
        Assert.True(kinds.SequenceEqual(kinds.Order()), "grant plan is not ordered login, users, server, database, objects");
        Assert.All(plan.Statements, statement => Assert.Equal(PrivilegeAction.Grant, statement.Action));
    }

    [Fact]
    public void LeastPrivilegePlanner_LoginIsGuardedAndFromWindows()
    {
        var login = LeastPrivilegePlanner.PlanApply([], Principal, Instance).Statements[0];

        Assert.Equal("master", login.Database);
        Assert.StartsWith(@"IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = N'NT Service\SQLServerExtension')", login.Sql);
        Assert.Contains(@"CREATE LOGIN [NT Service\SQLServerExtension] FROM WINDOWS", login.Sql);
    }

    [Fact]
    public void LeastPrivilegePlanner_UserStatementsRunInTheirDatabaseWithoutUse()
    {
        var users = LeastPrivilegePlanner.PlanApply([], Principal, Instance).Statements
            .Where(statement => statement.Item.Kind == PermissionKind.User)
            .ToList();

        Assert.Equal(["master", "model", "msdb", "Sales"], users.Select(statement => statement.Database));
        Assert.All(users, statement => Assert.DoesNotContain("USE ", statement.Sql));
        Assert.All(users, statement => Assert.Contains("sys.database_principals", statement.Sql));
    }

    [Fact]
    public void LeastPrivilegePlanner_SkipsTempdbOfflineAndReadOnly()
    {
        var plan = LeastPrivilegePlanner.PlanApply(Enum.GetValues<ExtensionFeature>(), Principal, Instance);

        Assert.Equal(["tempdb", "Archive", "Reports"], plan.Skipped.Select(skip => skip.Database));
        Assert.Contains("read-only", plan.Skipped[2].Reason);
        Assert.DoesNotContain(plan.Statements, statement => statement.Database is "tempdb" or "Archive" or "Reports");
    }

    [Fact]
    public void LeastPrivilegePlanner_SqlMatchesClaimedItem()
    {
        var plans = new[]
        {
            LeastPrivilegePlanner.PlanApply(Enum.GetValues<ExtensionFeature>(), Principal, Instance),
            LeastPrivilegePlanner.PlanUninstall(Principal, Instance),
        };

        foreach (var statement in plans.SelectMany(plan => plan.Statements))
        {
            var (item, action) = PrivilegeSqlInterpreter.Interpret(statement, Principal);

            Assert.Equal(statement.Item, item);
            Assert.Equal(statement.Action, action);
        }
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void LeastPrivilegePlanner_EnableThenDisableReturnsToBase(ExtensionFeature feature)
    {
        var held = new HashSet<PermissionItem>();
        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanApply([], Principal, Instance), Principal);
        var baseSet = held.ToHashSet();

        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanChange([], [feature], Principal, Instance), Principal);
        var enabledSet = held.ToHashSet();
        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanChange([feature], [], Principal, Instance), Principal);

        Assert.True(enabledSet.IsSupersetOf(baseSet), "enabling a feature removed a base item");
        Assert.True(enabledSet.SetEquals(baseSet.Union(FeaturePermissions.For(feature, ["master", "model", "msdb", "Sales"]))));
        Assert.True(held.SetEquals(baseSet), $"disabling {feature} left: {string.Join(", ", held.Except(baseSet))}");
    }

    [Fact]
    public void LeastPrivilegePlanner_SharedPermissionStaysWhileOneFeatureNeedsIt()
    {
        var both = new[] { ExtensionFeature.Purview, ExtensionFeature.BestPracticesAssessment };

        var plan = LeastPrivilegePlanner.PlanChange(both, [ExtensionFeature.BestPracticesAssessment], Principal, Instance);
        var revoked = plan.Statements.Select(statement => statement.Item).ToHashSet();

        Assert.All(plan.Statements, statement => Assert.Equal(PrivilegeAction.Revoke, statement.Action));
        Assert.Contains(PermissionItem.DatabasePermission("Sales", "SELECT"), revoked);
        Assert.Contains(PermissionItem.DatabasePermission("master", "EXECUTE"), revoked);
        Assert.DoesNotContain(PermissionItem.DatabasePermission("master", "SELECT"), revoked);
        Assert.DoesNotContain(PermissionItem.DatabasePermission("msdb", "SELECT"), revoked);
        Assert.DoesNotContain(PermissionItem.ServerPermission("VIEW ANY DATABASE"), revoked);
    }

    [Fact]
    public void LeastPrivilegePlanner_DisableMigrationKeepsBaseMsdbReads()
    {
        var plan = LeastPrivilegePlanner.PlanChange([ExtensionFeature.MigrationAssessment], [], Principal, Instance);
        var revoked = plan.Statements.Select(statement => statement.Item).ToHashSet();

        Assert.Contains(PermissionItem.ObjectPermission("msdb", "SELECT", "dbo", "sysmail_account"), revoked);
        Assert.DoesNotContain(PermissionItem.ObjectPermission("msdb", "SELECT", "dbo", "sysjobs"), revoked);
    }

    [Fact]
    public void LeastPrivilegePlanner_UninstallAfterEverythingLeavesNothing()
    {
        var held = new HashSet<PermissionItem>();
        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanApply(Enum.GetValues<ExtensionFeature>(), Principal, CleanableInstance), Principal);
        Assert.NotEmpty(held);

        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanUninstall(Principal, CleanableInstance), Principal);

        Assert.Empty(held);
    }

    [Fact]
    public void LeastPrivilegePlanner_UninstallAllCleanableDropsLogin()
    {
        var plan = LeastPrivilegePlanner.PlanUninstall(Principal, CleanableInstance);

        Assert.Contains(plan.Statements, statement => statement.Item.Kind == PermissionKind.Login);
        Assert.Empty(plan.Leftovers);
    }

    [Theory]
    [InlineData("Archive")]
    [InlineData("Reports")]
    public void LeastPrivilegePlanner_UninstallKeepsLoginWhileDatabaseSkipped(string skippedDatabase)
    {
        var databases = CleanableInstance.Append(Instance.Single(database => database.Name == skippedDatabase)).ToArray();

        var plan = LeastPrivilegePlanner.PlanUninstall(Principal, databases);

        Assert.DoesNotContain(plan.Statements, statement => statement.Item.Kind == PermissionKind.Login);
        Assert.Contains(plan.Statements, statement => statement.Item == PermissionItem.User("Sales"));
        var leftover = Assert.Single(plan.Leftovers);
        Assert.Equal(PermissionItem.Login(), leftover.Item);
        Assert.Contains($"[{skippedDatabase}]", leftover.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("[tempdb]", leftover.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LeastPrivilegePlanner_UninstallOrderIsMembershipsUsersLogin()
    {
        var kinds = LeastPrivilegePlanner.PlanUninstall(Principal, CleanableInstance).Statements.Select(statement => statement.Item.Kind).ToList();
        var lastMembership = kinds.FindLastIndex(kind => kind is PermissionKind.DatabaseRole or PermissionKind.ServerRole);
        var lastGrant = kinds.FindLastIndex(kind => kind is PermissionKind.ServerPermission or PermissionKind.DatabasePermission or PermissionKind.ObjectPermission);
        var firstUser = kinds.IndexOf(PermissionKind.User);

        Assert.True(lastMembership < firstUser, "a role membership is removed after a user is dropped");
        Assert.True(lastGrant < firstUser, "a permission is revoked after a user is dropped");
        Assert.Equal(PermissionKind.Login, kinds[^1]);
        Assert.Equal(1, kinds.Count(kind => kind == PermissionKind.Login));
    }

    [Fact]
    public void LeastPrivilegePlanner_NoChangeMeansNoStatements()
    {
        var plan = LeastPrivilegePlanner.PlanChange([ExtensionFeature.Purview], [ExtensionFeature.Purview], Principal, Instance);

        Assert.Empty(plan.Statements);
    }

    [Fact]
    public void LeastPrivilegePlanner_MissingMsdbIsRejected()
    {
        DatabaseTarget[] databases = [new("master", true, true), new("Sales", false, true)];

        var error = Assert.Throws<ArgumentException>(() => LeastPrivilegePlanner.PlanApply([], Principal, databases));

        Assert.Contains("msdb", error.Message);
    }

    [Fact]
    public void LeastPrivilegePlanner_DuplicateDatabaseIsRejected()
    {
        DatabaseTarget[] databases = [new("master", true, true), new("msdb", true, true), new("Sales", false, true), new("Sales", false, true)];

        var error = Assert.Throws<ArgumentException>(() => LeastPrivilegePlanner.PlanApply([], Principal, databases));

        Assert.Contains("'Sales'", error.Message);
    }

    [Theory]
    [InlineData("SELECT; DROP TABLE x")]
    [InlineData("select")]
    [InlineData("VIEW  SERVER STATE")]
    [InlineData("")]
    public void PrivilegeStatementBuilder_RejectsNonKeywordPermission(string permission)
    {
        var item = PermissionItem.DatabasePermission("Sales", permission);

        Assert.Throws<ArgumentException>(() => PrivilegeStatementBuilder.Build(item, PrivilegeAction.Grant, Principal));
    }

    [Fact]
    public void SqlStringLiteral_DoublesQuotesAndUsesNPrefix()
    {
        Assert.Equal("N'O''Brien ''x'' αβγ'", SqlStringLiteral.Unicode("O'Brien 'x' αβγ"));
    }
}
