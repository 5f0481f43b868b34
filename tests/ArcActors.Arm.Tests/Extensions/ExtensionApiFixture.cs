using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ArcActors.Arm.Auth;
using ArcActors.Arm.Tests.Jobs;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.ReadModel;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Extensions;

/// <summary>
/// Two APIs over real HTTPS on one read store: one with bearer tokens and <see cref="FakeJobCommands"/>, one read-only.
/// The store holds four machines: the Windows PAYG host of <see cref="Fixtures"/> with ESU, PAYG consent, an excluded
/// instance and AG discovery turned off; a Linux PAYG host; a Windows LicenseOnly host; and a Windows Paid host whose
/// Deploy job is Running.
/// </summary>
public sealed class ExtensionApiFixture : IAsyncLifetime
{
    public const string LinuxHost = "sql-linux-01";
    public const string LicenseOnlyHost = "sql-archive-02";
    public const string BusyHost = "sql-busy-03";
    public const string UninstalledHost = "sql-removed-04";

    public static readonly Guid LinuxVmId = Guid.Parse("7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f");
    public static readonly Guid LicenseOnlyVmId = Guid.Parse("5e2b7a44-0c1d-4f8e-b3a2-91d7c6e5f403");
    public static readonly Guid BusyVmId = Guid.Parse("9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d");
    public static readonly Guid UninstalledVmId = Guid.Parse("3c5e7a90-2b4d-4f6a-8c1e-0d2f4a6b8c9e");
    public static readonly Guid UninstallJobId = Guid.Parse("6f8a0b2c-4d6e-4a1b-9c3d-5e7f9a1b3c5d");

    /// <summary>The id of the Deploy job that is Running on <see cref="BusyHost"/>.</summary>
    public static readonly Guid BusyJobId = Guid.Parse("2b4d6f80-1a3c-4e5f-8a7b-9c0d1e2f3a4b");

    /// <summary>The extension settings of the main Windows host in the read store.</summary>
    public static readonly ExtensionSettings MainSettings = new()
    {
        LicenseType = "PAYG",
        ConsentToRecurringPayg = true,
        EnableExtendedSecurityUpdates = true,
        ExcludedInstances = ["SQLEXPRESS"],
        FeatureFlags = new Dictionary<string, bool> { ["AvailabilityGroupDiscovery"] = false },
    };

    private ApiPair _apis = null!;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "arcactors-extensions-" + Guid.NewGuid().ToString("N"));

    public ReadStore Store { get; private set; } = null!;

    internal FakeJobCommands Commands { get; private set; } = null!;

    public ArmApi Api => _apis.Api;

    public ArmApi ReadOnlyApi => _apis.ReadOnlyApi;

    public static string MainMachineId => MachineId();

    public static string MachineIdOf(string hostName) => $"{GroupId}/providers/Microsoft.HybridCompute/machines/{hostName}";

    public static string ExtensionPath(string machineId, string name = "WindowsAgent.SqlServer") =>
        $"{machineId}/extensions/{name}?api-version=2024-01-01";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Store = ReadStore.Open(Path.Combine(Folder, "read.db"));
        Store.ApplyBatch("inventory", Batch(1,
            new MachineChanged(Scope, Start, Machine() with { Extension = MainSettings }, []),
            new MachineChanged(Scope, Start, Machine() with { VmId = LinuxVmId, HostName = LinuxHost, Os = "Linux" }, []),
            new MachineChanged(Scope, Start, Machine() with
            {
                VmId = LicenseOnlyVmId,
                HostName = LicenseOnlyHost,
                Extension = new ExtensionSettings { LicenseType = "LicenseOnly" },
            }, []),
            new MachineChanged(Scope, Start, Machine() with { VmId = BusyVmId, HostName = BusyHost, Extension = new ExtensionSettings() }, []),
            new MachineChanged(Scope, Start, Machine() with { VmId = UninstalledVmId, HostName = UninstalledHost, Extension = new ExtensionSettings() }, [])));

        Commands = new FakeJobCommands(Store);
        var busyJob = new JobCommand(BusyJobId, BusyVmId, JobKinds.Deploy, "", new Dictionary<string, string> { ["operation"] = "Update" },
            Start, TimeSpan.FromHours(1), "contributor@example.test");
        Commands.Project(new JobQueued(busyJob));
        Commands.Project(new JobStateChanged(BusyVmId, BusyJobId, JobState.Running, "", "", Start, "host"));
        var uninstall = new JobCommand(UninstallJobId, UninstalledVmId, JobKinds.Deploy, "", new Dictionary<string, string> { ["operation"] = "Uninstall" },
            Start, TimeSpan.FromHours(1), "contributor@example.test");
        Commands.Project(new JobQueued(uninstall));
        Commands.Project(new JobStateChanged(UninstalledVmId, UninstallJobId, JobState.Succeeded, "uninstalled", "", Start.AddMinutes(5), "host"));

        _apis = await ApiPair.StartAsync(Store, Commands, Folder);
    }

    public async Task DisposeAsync()
    {
        await _apis.DisposeAsync();
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // NOTE: a pooled SQLite handle released late can keep the file open, and then the folder stays behind.
        }
    }

    /// <summary>
    /// Forgets the recorded commands and cancels every open job the earlier tests queued, so each test starts with no
    /// Deploy job in progress except the one on <see cref="BusyHost"/>.
    /// </summary>
    public void Reset()
    {
        foreach (var machineId in new[] { MainMachineId, MachineIdOf(LinuxHost), MachineIdOf(LicenseOnlyHost) })
        {
            foreach (var job in Store.ListJobs(machineId).Where(job => !job.State.IsFinal()))
            {
                Commands.Project(new JobStateChanged(job.VmId, job.JobId, JobState.Cancelled, "ended by the test fixture", "", Start, "test"));
            }
        }

        Commands.Reset();
    }

    /// <summary>Sends a request with a token for <paramref name="role"/>; a null <paramref name="body"/> sends no content.</summary>
    public Task<JobResponse> SendAsync(HttpMethod method, string pathAndQuery, string? body = null, string role = "Contributor", bool readOnlyApi = false) =>
        _apis.SendAsync(method, pathAndQuery, role, body, scope: null, readOnlyApi);
}
