using ArcActors.Contracts.Subscriptions;
using ArcActors.Contracts.Billing;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Contracts.Licenses;
using ArcActors.Contracts.Usage;

namespace ArcActors.Tests.Contracts;

/// <summary>One fully populated instance of every serialized type, with hostile and Unicode names.</summary>
public static class Samples
{
    public static readonly Guid VmId = Guid.Parse("54ef1f4d-e601-48e6-a90a-443aab91a782");
    public static readonly DateTimeOffset At = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    public static readonly ResourceScope Scope = new("3b55f041-58d7-4307-b59a-c390da3fb077", "field-scenarios", "westeurope");
    public static readonly InstanceKey Key = new(VmId, "MSSQLSERVER");

    public static DatabaseSnapshot Database(string name = "O'Brien [eu] data") => new()
    {
        Name = name,
        CollationName = "SQL_Latin1_General_CP1_CI_AS",
        DatabaseCreationDate = At.AddDays(-100),
        CompatibilityLevel = 160,
        State = "Online",
        RecoveryMode = "Full",
        SizeMB = 5120.5,
        SpaceAvailableMB = 100,
        Options = new DatabaseOptions { IsAutoShrinkOn = true, PageVerify = "TORN_PAGE_DETECTION" },
        LastFullBackup = At.AddHours(-20),
        LastLogBackup = At.AddMinutes(-5),
        LastGoodCheckDb = At.AddDays(-3),
    };

    public static InstanceSnapshot Instance() => new()
    {
        InstanceName = "MSSQLSERVER",
        Edition = "Enterprise",
        CurrentVersion = "16.0.4135.4",
        PatchLevel = "CU14",
        TcpStaticPorts = "1433",
        VCore = 32,
        IsHadrEnabled = true,
        AlwaysOnRole = "AvailabilityGroupReplica",
        FailoverCluster = new FailoverClusterInfo("sql-fci", ["node-a", "node-b"], "node-a"),
        DefaultBackupPath = "/var/opt/mssql/data",
        Databases = [new DatabaseEntry("αβγ ΔΕ", "Online"), new DatabaseEntry("ಠ_ಠ", "Offline")],
        AvailabilityGroups =
        [
            new AvailabilityGroupSnapshot
            {
                AvailabilityGroupId = Guid.Parse("8f0a5d4c-1c1b-4b55-9d55-9d0a9f4e3a10"),
                Name = "ag-orders",
                LocalRole = "SECONDARY",
                LocalReadable = true,
                PrimaryReplica = "node-b",
                Replicas = [new AvailabilityReplicaSnapshot("node-a", "SECONDARY", "SYNCHRONOUS_COMMIT", "AUTOMATIC", "READ_ONLY", "HEALTHY", "CONNECTED")],
                Databases = [new AvailabilityDatabaseSnapshot("αβγ ΔΕ", "node-a", true, false, "SYNCHRONIZED", "HEALTHY", "ONLINE", false)],
            },
        ],
    };

    public static MachineSnapshot Machine() => new()
    {
        VmId = VmId,
        HostName = "db-east-02",
        Manufacturer = "Dell Inc.",
        Model = "PowerEdge R650",
        LogicalProcessors = 32,
        PhysicalCores = 16,
        Extension = new ExtensionSettings
        {
            LicenseType = "PAYG",
            ConsentToRecurringPayg = true,
            ExcludedInstances = ["SCRATCH"],
            FeatureFlags = new Dictionary<string, bool> { ["LeastPrivilege"] = true },
        },
    };

    public static UsageRecord Usage() => new()
    {
        VmId = VmId,
        HostName = "db-east-02",
        HourStart = At,
        LogicalProcessors = 32,
        PhysicalCores = 16,
        LicenseType = "Paid",
        Instances = [new InstanceUsage { InstanceName = "MSSQLSERVER", Edition = "Enterprise", Replicas = [new ReplicaUsage("ag-orders", false, true)] }],
    };

    public const string LicenseId = "/subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077/resourceGroups/field-scenarios/providers/Microsoft.AzureArcData/sqlServerLicenses/O'Brien ಠ_ಠ";

    public static LicenseProperties LicenseProperties() =>
        new("PAYG", 24, "Core", "Subscription", "Activated", At.AddDays(-2), At.AddDays(-3), "89fdfcc3-4c62-41c3-93c4-16bae3bcf5ea");

    public static LicenseResource License() =>
        new(Scope, "O'Brien ಠ_ಠ", new Dictionary<string, string> { ["owner"] = "αβγ" }, LicenseProperties(), At.AddDays(-5), "alice", At, "bob");

    private static ResourceChange LicenseChange(string operation) =>
        new("sqlServerLicenses", "O'Brien ಠ_ಠ", operation, [new PropertyChange("physicalCores", "16", "24")], "bob");

    /// <summary>Every type registered with the serializer, keyed by type.</summary>
    public static IReadOnlyDictionary<Type, object> All() => new Dictionary<Type, object>
    {
        [typeof(UploadInventory)] = new UploadInventory(Guid.NewGuid(), Key, "db-east-02", Scope, At, Instance(), [Database()], ["O'Brien [eu] data", "αβγ ΔΕ"]),
        [typeof(UploadMachine)] = new UploadMachine(Guid.NewGuid(), Scope, At, Machine(), ["MSSQLSERVER"]),
        [typeof(UploadUsage)] = new UploadUsage(Guid.NewGuid(), VmId, "db-east-02", Scope, [Usage()]),
        [typeof(AuthenticatedUpload)] = AuthenticatedUpload.Wrap("hk-0f3a9c2e81d4", "key/with+symbols_and-ಠ_ಠ",
            new UploadInventory(Guid.NewGuid(), Key, "db-east-02", Scope, At, Instance(), [Database()], ["O'Brien [eu] data"])),
        [typeof(SetProviderRegistration)] = new SetProviderRegistration(Scope.SubscriptionId, "Microsoft.AzureArcData", true, At, "ops@example.test"),
        [typeof(GetProviderRegistrations)] = new GetProviderRegistrations(Scope.SubscriptionId),
        [typeof(ProviderRegistrations)] = new ProviderRegistrations(Scope.SubscriptionId, 4, ["Microsoft.AzureArcData", "Microsoft.HybridCompute"]),
        [typeof(ProviderRegistrationChanged)] = new ProviderRegistrationChanged(Scope.SubscriptionId, "Microsoft.AzureArcData", false, At, "fleet file"),
        [typeof(PatchInstanceSettings)] = new PatchInstanceSettings(Key, new BackupPolicy(14, 7, 12, 15), false, At, "O'Brien ಠ_ಠ"),
        [typeof(InstanceSettingsReply)] = new InstanceSettingsReply(true, new InstanceSettings(BackupPolicy.Default, null)),
        [typeof(InstanceSettingsChanged)] = new InstanceSettingsChanged(Key, "db-east-02", Scope, At,
            new InstanceSettings(null, true, new Dictionary<string, BackupPolicy> { ["ಠ_ಠ"] = new(0, 7, 24, 5), ["sales"] = new(14, 7, 12, 15) }),
            [new ResourceChange("sqlServerInstances", "db-east-02", "write", [new PropertyChange("monitoring.enabled", "", "true")], "bob")]),
        [typeof(PatchDatabaseBackupPolicy)] = new PatchDatabaseBackupPolicy(Key, "ಠ_ಠ", new BackupPolicy(0, 7, 24, 5), At, "O'Brien ಠ_ಠ"),
        [typeof(UploadAccepted)] = new UploadAccepted(Guid.NewGuid(), 3),
        [typeof(UploadRejected)] = new UploadRejected(Guid.NewGuid(), "InvalidUpload", "host name 'bad name' is invalid"),
        [typeof(InstanceInventoryChanged)] = new InstanceInventoryChanged(Key, "db-east-02", Scope, At, Instance(), [Database()], ["old_db"],
            [new ResourceChange("sqlServerInstances/databases", "db-east-02/ಠ_ಠ", "write", [new PropertyChange("state", "Offline", "Online")])]),
        [typeof(MachineChanged)] = new MachineChanged(Scope, At, Machine(), [new ResourceChange("machines", "db-east-02", "write", [])]),
        [typeof(UsageBilled)] = new UsageBilled(VmId, At.AddHours(12), [new UsageHourBilled(VmId, "db-east-02", Scope, At, At.AddHours(12), Usage(),
            [new BillingLine("Std edition - PAYG", 4, "Standard", "PAYG", "SALES")])]),
        [typeof(UsageHourBilled)] = new UsageHourBilled(VmId, "db-east-02", Scope, At, At.AddHours(12), Usage(),
            [new BillingLine("Ent edition - AHB", 16, "Enterprise", "Paid", "MSSQLSERVER")]),
        [typeof(PutLicense)] = new PutLicense(LicenseId, Scope, "O'Brien ಠ_ಠ", new Dictionary<string, string> { ["owner"] = "αβγ" },
            LicenseProperties(), At, "bob"),
        [typeof(PatchLicense)] = new PatchLicense(LicenseId, null, new LicensePatch(PhysicalCores: 32, ActivationState: "Deactivated"), At, "bob"),
        [typeof(DeleteLicense)] = new DeleteLicense(LicenseId, At, "bob"),
        [typeof(GetLicense)] = new GetLicense(LicenseId),
        [typeof(LicenseReply)] = new LicenseReply(LicenseId, LicenseOutcome.Rejected, License(), "InvalidResourceLocation", "location 'eastus' differs"),
        [typeof(LicenseWritten)] = new LicenseWritten(Scope, "O'Brien ಠ_ಠ", At, "bob", LicenseProperties(),
            new Dictionary<string, string> { ["owner"] = "αβγ" }, At.AddDays(-5), "alice", [LicenseChange("write")]),
        [typeof(LicenseDeleted)] = new LicenseDeleted(Scope, "O'Brien ಠ_ಠ", At, "bob", [LicenseChange("delete")]),
        [typeof(JobCommand)] = Job(),
        [typeof(EnqueueJob)] = new EnqueueJob(Job()),
        [typeof(JobAccepted)] = new JobAccepted(JobStatusSample()),
        [typeof(JobRefused)] = new JobRefused(JobId, "QueueFull", "host has 1000 jobs"),
        [typeof(CancelJob)] = new CancelJob(VmId, JobId, "O'Brien ಠ_ಠ", At),
        [typeof(PullJobs)] = new PullJobs(JobId, VmId, At),
        [typeof(JobsDelivery)] = new JobsDelivery(JobId, VmId, [Job()]),
        [typeof(ReportJob)] = new ReportJob(JobId, VmId, JobId, JobState.Succeeded, "done", """{"findings":[]}""", At),
        [typeof(JobReportAccepted)] = new JobReportAccepted(JobId, JobId, JobState.Failed),
        [typeof(GetJobs)] = new GetJobs(VmId),
        [typeof(JobList)] = new JobList(VmId, [JobStatusSample()]),
        [typeof(JobQueued)] = new JobQueued(Job()),
        [typeof(JobStateChanged)] = new JobStateChanged(VmId, JobId, JobState.TimedOut, "timed out", "", At, "relay queue"),
    };

    private static readonly Guid JobId = Guid.Parse("9d7b3c1e-2f4a-4b6c-8d9e-0a1b2c3d4e5f");

    private static JobCommand Job() => new(JobId, VmId, JobKinds.Backup, "O'Brien ಠ_ಠ",
        new Dictionary<string, string> { ["database"] = "O'Brien [eu] data", ["type"] = "Log" }, At, TimeSpan.FromHours(2), "alice");

    private static JobStatus JobStatusSample() => new(Job(), JobState.Running, 3, At.AddMinutes(5), At.AddMinutes(4), null, "started", "");
}
