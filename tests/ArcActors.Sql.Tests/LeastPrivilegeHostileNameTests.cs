using ArcActors.Sql.Privileges;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class LeastPrivilegeHostileNameTests
{
    private static readonly string[] HostileNames =
    [
        "O'Brien [eu] data",
        "αβγ ΔΕ",
        "x]]y",
        "]",
        "'",
        "a]; DROP DATABASE master; --",
        "semi;colon -- dash' quote\" double",
        "Données 数据 🚀",
        "trailing space ",
        "new\nline",
    ];

    private static readonly string[] HostilePrincipals =
    [
        LeastPrivilegePlanner.DefaultPrincipal,
        @"CONTOSO\O'Brien ]] x; --",
    ];

    public static TheoryData<int, string> Combinations()
    {
        var data = new TheoryData<int, string>();
        var count = 1 << Enum.GetValues<ExtensionFeature>().Length;
        foreach (var principal in HostilePrincipals)
        {
            for (var mask = 0; mask < count; mask++)
            {
                data.Add(mask, principal);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void LeastPrivilegePlanner_EveryPlanParsesWithHostileNames(int featureMask, string principal)
    {
        var databases = Databases();
        var features = FeaturesOf(featureMask);
        var plans = new[]
        {
            LeastPrivilegePlanner.PlanApply(features, principal, databases),
            LeastPrivilegePlanner.PlanChange([], features, principal, databases),
            LeastPrivilegePlanner.PlanChange(features, [], principal, databases),
            LeastPrivilegePlanner.PlanChange(Enum.GetValues<ExtensionFeature>(), features, principal, databases),
            LeastPrivilegePlanner.PlanUninstall(principal, databases),
        };

        foreach (var statement in plans.SelectMany(plan => plan.Statements))
        {
            var errors = TSqlParsing.Parse(statement.Sql, out _);
            Assert.Empty(errors.Select(error => $"line {error.Line}: {error.Message} in {statement.Sql}"));

            var (item, action) = PrivilegeSqlInterpreter.Interpret(statement, principal);
            Assert.Equal(statement.Item, item);
            Assert.Equal(statement.Action, action);
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void LeastPrivilegePlanner_HostileEnableDisableRoundTrips(int featureMask, string principal)
    {
        var databases = Databases();
        var features = FeaturesOf(featureMask);
        var held = new HashSet<PermissionItem>();

        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanApply([], principal, databases), principal);
        var baseSet = held.ToHashSet();
        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanChange([], features, principal, databases), principal);
        var enabledSet = held.ToHashSet();
        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanChange(features, [], principal, databases), principal);
        var disabledSet = held.ToHashSet();
        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanChange([], features, principal, databases), principal);
        PrivilegeSqlInterpreter.Apply(held, LeastPrivilegePlanner.PlanUninstall(principal, databases), principal);

        Assert.True(enabledSet.SetEquals(LeastPrivilegePlanner.RequiredItems(features, databases)));
        Assert.True(disabledSet.SetEquals(baseSet));
        Assert.Empty(held);
    }

    [Fact]
    public void LeastPrivilegePlanner_HostileDatabaseGetsItsOwnUser()
    {
        var databases = Databases();

        var users = LeastPrivilegePlanner.PlanApply([], LeastPrivilegePlanner.DefaultPrincipal, databases).Statements
            .Where(statement => statement.Item.Kind == PermissionKind.User)
            .Select(statement => statement.Database)
            .ToList();

        Assert.Equal(["master", "model", "msdb", .. HostileNames], users);
    }

    private static DatabaseTarget[] Databases() =>
    [
        new("master", true, true),
        new("tempdb", true, true),
        new("model", true, true),
        new("msdb", true, true),
        .. HostileNames.Select(name => new DatabaseTarget(name, false, true)),
    ];

    private static ExtensionFeature[] FeaturesOf(int mask) =>
        Enum.GetValues<ExtensionFeature>().Where((_, index) => (mask & (1 << index)) != 0).ToArray();
}
