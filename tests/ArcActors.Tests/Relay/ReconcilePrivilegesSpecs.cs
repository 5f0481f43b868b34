using System.Text.Json;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Deployment;
using ArcActors.Host.Jobs;
using ArcActors.Host.Relay;
using ArcActors.Sql.Privileges;
using Xunit;

namespace ArcActors.Tests.Relay;

public sealed class ReconcilePrivilegesSpecs : TestKit
{
    private static readonly Guid VmId = Guid.Parse("5b0c7d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e");
    private static readonly PermissionItem Removed = PermissionItem.ServerPermission("VIEW SERVER STATE");

    private static readonly ExtensionSettings LeastPrivilegeOn = new()
    {
        FeatureFlags = new Dictionary<string, bool> { [FeatureFlags.LeastPrivilege] = true },
    };

    private readonly SimulatedInstanceSql _sql = new();
    private readonly HostPrivilegeInstaller _installer;

    public ReconcilePrivilegesSpecs()
    {
        _installer = new HostPrivilegeInstaller(new TwoInstanceSource(), _sql);
    }

    [Fact]
    public async Task Reconcile_RemovedGrantReportedAndFixed()
    {
        var handler = Handler(LeastPrivilegeOn);
        Assert.True((await _installer.EnableAsync(LeastPrivilegeOn, CancellationToken.None)).Succeeded);
        Assert.True(_sql.PermissionsOf("MSSQLSERVER").Remove(Removed));

        var outcome = await handler.RunAsync(Run(), CancellationToken.None);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Equal("drift on 1 of 2 instances: 1 missing, 0 extra, fixed", outcome.Message);
        using var result = JsonDocument.Parse(outcome.Result);
        Assert.True(result.RootElement.GetProperty("warning").GetBoolean());
        var first = result.RootElement.GetProperty("instances")[0];
        Assert.Equal("MSSQLSERVER", first.GetProperty("instance").GetString());
        Assert.Equal([Removed.ToString()], first.GetProperty("missing").EnumerateArray().Select(item => item.GetString()));
        Assert.True(first.GetProperty("fixed").GetBoolean());
        Assert.Contains(_sql.StepsOf("MSSQLSERVER"), step => step.Sql == PrivilegeStatementBuilder.Build(Removed, PrivilegeAction.Grant, LeastPrivilegePlanner.DefaultPrincipal).Sql);
    }

    [Fact]
    public async Task Reconcile_SecondRunFindsNoDrift()
    {
        var handler = Handler(LeastPrivilegeOn);
        Assert.True((await _installer.EnableAsync(LeastPrivilegeOn, CancellationToken.None)).Succeeded);
        _sql.PermissionsOf("MSSQLSERVER").Remove(Removed);
        await handler.RunAsync(Run(), CancellationToken.None);
        var stepsAfterFix = _sql.StepsOf("MSSQLSERVER").Count;

        var outcome = await handler.RunAsync(Run(), CancellationToken.None);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Equal("no drift on 2 instances", outcome.Message);
        using var result = JsonDocument.Parse(outcome.Result);
        Assert.False(result.RootElement.GetProperty("warning").GetBoolean());
        Assert.Equal(stepsAfterFix, _sql.StepsOf("MSSQLSERVER").Count);
    }

    [Fact]
    public async Task Reconcile_ExtraGrantRevoked()
    {
        var handler = Handler(LeastPrivilegeOn);
        Assert.True((await _installer.EnableAsync(LeastPrivilegeOn, CancellationToken.None)).Succeeded);
        var extra = PermissionItem.DatabaseRole("msdb", "db_owner");
        _sql.PermissionsOf("SALES").Add(extra);

        var outcome = await handler.RunAsync(Run(), CancellationToken.None);

        Assert.Equal("drift on 1 of 2 instances: 0 missing, 1 extra, fixed", outcome.Message);
        Assert.DoesNotContain(extra, _sql.PermissionsOf("SALES").Read(Databases));
    }

    [Fact]
    public async Task Reconcile_LeastPrivilegeOffDoesNothing()
    {
        var handler = Handler(new ExtensionSettings());

        var outcome = await handler.RunAsync(Run(), CancellationToken.None);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.StartsWith("nothing to reconcile", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(_sql.StepsOf("MSSQLSERVER"));
    }

    private static readonly IReadOnlyList<DatabaseTarget> Databases =
    [
        new("master", IsSystem: true, IsReadable: true),
        new("msdb", IsSystem: true, IsReadable: true),
        new("sales", IsSystem: false, IsReadable: true),
    ];

    private ReconcilePrivilegesJobHandler Handler(ExtensionSettings settings)
    {
        var deployer = Sys.ActorOf(Deployer.Props(_installer, new DeployerState { Status = DeployerStatus.Enabled, Settings = settings }));
        return new ReconcilePrivilegesJobHandler(deployer, _installer, TimeSpan.FromSeconds(10));
    }

    private static JobRun Run() => new(
        new JobCommand(Guid.NewGuid(), VmId, JobKinds.ReconcilePrivileges, "", new Dictionary<string, string>(), DateTimeOffset.UtcNow, TimeSpan.FromHours(1), "spec"),
        1,
        new MachineSnapshot { VmId = VmId, HostName = "sql-lp-01" });

    /// <summary>A host with two instances, each holding master, tempdb, model, msdb and sales.</summary>
    private sealed class TwoInstanceSource : IDiscoverySource
    {
        public Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new MachineSnapshot { VmId = VmId, HostName = "sql-lp-01" });

        public Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<InstanceLocation>>([new InstanceLocation { InstanceName = "MSSQLSERVER" }, new InstanceLocation { InstanceName = "SALES" }]);

        public Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken) =>
            Task.FromResult(new InstanceSnapshot
            {
                InstanceName = instance.InstanceName,
                Edition = "Standard",
                CurrentVersion = "16.0.4135.4",
                Databases = new[] { "master", "tempdb", "model", "msdb", "sales" }.Select(name => new DatabaseEntry(name, "Online")).ToList(),
            });

        public Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken) =>
            throw new NotSupportedException("reconciliation reads no database details");
    }
}
