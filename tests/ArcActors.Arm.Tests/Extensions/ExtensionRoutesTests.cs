using System.Text.Json.Nodes;
using ArcActors.Contracts.Jobs;
using ArcActors.Host.Jobs;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Extensions;

/// <summary>The extension and machine job routes over real HTTPS with tokens, against <see cref="Jobs.FakeJobCommands"/> and a real read store.</summary>
public sealed class ExtensionRoutesTests : IClassFixture<ExtensionApiFixture>
{
    private const string InstallBody =
        """{"updateId": "KB5040948", "classification": "Critical", "maintenanceWindow": {"dayOfWeek": "Sunday", "startTimeUtc": "02:00", "durationHours": 4}}""";

    private readonly ExtensionApiFixture _api;

    public ExtensionRoutesTests(ExtensionApiFixture api)
    {
        _api = api;
        _api.Reset();
    }

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static string ActionPath(string machineId, string action) => $"{machineId}/{action}?api-version=2024-01-01";

    [Fact]
    public async Task Get_ReturnsSettingsOfLastInventory()
    {
        var response = await _api.SendAsync(HttpMethod.Get, ExtensionApiFixture.ExtensionPath(MachineId()));

        Assert.Equal(200, response.Status);
        var body = response.Body!;
        Assert.Equal($"{MachineId()}/extensions/WindowsAgent.SqlServer", Text(body["id"]));
        Assert.Equal("Microsoft.HybridCompute/machines/extensions", Text(body["type"]));
        var settings = body["properties"]!["settings"]!;
        Assert.Equal("PAYG", Text(settings["LicenseType"]));
        Assert.True(settings["enableExtendedSecurityUpdates"]!.GetValue<bool>());
        Assert.True(settings["ConsentToRecurringPAYG"]!["Consented"]!.GetValue<bool>());
        Assert.Equal("SQLEXPRESS", Text(settings["ExcludedSqlInstances"]![0]));
        var agDiscovery = settings["FeatureFlags"]!.AsArray().Single(flag => Text(flag!["Name"]) == "AvailabilityGroupDiscovery");
        Assert.False(agDiscovery!["Enable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Get_RunningDeployShowsUpdating()
    {
        var response = await _api.SendAsync(HttpMethod.Get, ExtensionApiFixture.ExtensionPath(ExtensionApiFixture.MachineIdOf(ExtensionApiFixture.BusyHost)));

        Assert.Equal(200, response.Status);
        Assert.Equal("Updating", Text(response.Body!["properties"]!["provisioningState"]));
    }

    [Fact]
    public async Task Get_UninstalledExtensionNotFound()
    {
        var response = await _api.SendAsync(HttpMethod.Get, ExtensionApiFixture.ExtensionPath(ExtensionApiFixture.MachineIdOf(ExtensionApiFixture.UninstalledHost)));

        Assert.Equal(404, response.Status);
        Assert.Equal("ResourceNotFound", Text(response.Body!["error"]!["code"]));
        var message = Text(response.Body["error"]!["message"]);
        Assert.Contains(ExtensionApiFixture.UninstallJobId.ToString("D"), message);
        Assert.Contains("PUT", message);
    }

    [Fact]
    public async Task Get_WrongExtensionForOsNotFound()
    {
        var response = await _api.SendAsync(HttpMethod.Get,
            ExtensionApiFixture.ExtensionPath(ExtensionApiFixture.MachineIdOf(ExtensionApiFixture.LinuxHost), "WindowsAgent.SqlServer"));

        Assert.Equal(404, response.Status);
        Assert.Contains("LinuxAgent.SqlServer", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownMachineNotFound()
    {
        var response = await _api.SendAsync(HttpMethod.Get, ExtensionApiFixture.ExtensionPath(ExtensionApiFixture.MachineIdOf("sql-nowhere")));

        Assert.Equal(404, response.Status);
        Assert.Equal("ResourceNotFound", response.ErrorCode);
    }

    [Fact]
    public async Task Get_OtherExtensionNameNotFound()
    {
        var response = await _api.SendAsync(HttpMethod.Get, ExtensionApiFixture.ExtensionPath(MachineId(), "AzureMonitorWindowsAgent"));

        Assert.Equal(404, response.Status);
        Assert.Contains("WindowsAgent.SqlServer", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("LinuxAgent.SqlServer", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_QueuesDeployUpdateJob()
    {
        var before = DateTimeOffset.UtcNow;

        var response = await _api.SendAsync(HttpMethod.Put, ExtensionApiFixture.ExtensionPath(MachineId()),
            """{"location": "westeurope", "properties": {"publisher": "Microsoft.AzureData", "settings": {"LicenseType": "Paid"}}}""");

        Assert.Equal(202, response.Status);
        var command = Assert.Single(_api.Commands.Enqueued);
        Assert.Equal(JobKinds.Deploy, command.Kind);
        Assert.Equal(VmId, command.VmId);
        Assert.Equal("", command.InstanceName);
        Assert.Equal("Update", command.Parameters["operation"]);
        Assert.Contains("\"LicenseType\":\"Paid\"", command.Parameters["settings"], StringComparison.Ordinal);
        Assert.Equal("contributor@example.test", command.Caller);
        Assert.InRange(command.QueuedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(command.JobId.ToString("D"), Text(response.Body!["jobId"]));
        Assert.Equal($"{MachineId()}/getJobsStatus", response.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Put_WithoutPropertiesRejected()
    {
        var response = await _api.SendAsync(HttpMethod.Put, ExtensionApiFixture.ExtensionPath(MachineId()), """{"settings": {"LicenseType": "Paid"}}""");

        Assert.Equal(400, response.Status);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task Delete_QueuesDeployUninstallJob()
    {
        var response = await _api.SendAsync(HttpMethod.Delete, ExtensionApiFixture.ExtensionPath(MachineId()));

        Assert.Equal(202, response.Status);
        var command = Assert.Single(_api.Commands.Enqueued);
        Assert.Equal(JobKinds.Deploy, command.Kind);
        Assert.Equal("Uninstall", command.Parameters["operation"]);
        Assert.False(command.Parameters.ContainsKey("settings"));
    }

    [Fact]
    public async Task GetJobsStatus_ListsMachineJobs()
    {
        var queued = await _api.SendAsync(HttpMethod.Delete, ExtensionApiFixture.ExtensionPath(MachineId()));

        var response = await _api.SendAsync(HttpMethod.Post, ActionPath(MachineId(), "getJobsStatus"), """{"jobType": "Deploy"}""");

        Assert.Equal(200, response.Status);
        var entries = response.Body!["jobsStatus"]!.AsArray();
        var entry = Assert.Single(entries, job => Text(job!["id"]) == Text(queued.Body!["jobId"]));
        Assert.Equal("Deploy", Text(entry!["jobType"]));
        Assert.Equal("Queued", Text(entry["jobStatus"]));
        Assert.Equal("", Text(entry["instanceName"]));
    }

    [Fact]
    public async Task GetJobsStatus_UnknownMachineNotFound()
    {
        var response = await _api.SendAsync(HttpMethod.Post, ActionPath(ExtensionApiFixture.MachineIdOf("sql-nowhere"), "getJobsStatus"));

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task GetJobsStatus_ReadOnlyApiServes()
    {
        var response = await _api.SendAsync(HttpMethod.Post, ActionPath(MachineId(), "getJobsStatus"), readOnlyApi: true);

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Put_ReadOnlyApiRejected()
    {
        var response = await _api.SendAsync(HttpMethod.Put, ExtensionApiFixture.ExtensionPath(MachineId()),
            """{"properties": {"settings": {"LicenseType": "Paid"}}}""", readOnlyApi: true);

        Assert.Equal(405, response.Status);
    }

    [Fact]
    public async Task InstallUpdate_QueuesJobWithWindow()
    {
        var response = await _api.SendAsync(HttpMethod.Post, ActionPath(MachineId(), "installUpdate"), InstallBody);

        Assert.Equal(202, response.Status);
        var command = Assert.Single(_api.Commands.Enqueued);
        Assert.Equal(JobKinds.InstallUpdate, command.Kind);
        Assert.Equal("KB5040948", command.Parameters[InstallUpdateJobHandler.UpdateIdParameter]);
        Assert.Equal("Critical", command.Parameters[InstallUpdateJobHandler.ClassificationParameter]);
        Assert.Equal("Sunday", command.Parameters[InstallUpdateJobHandler.WindowDayParameter]);
        Assert.Equal("02:00", command.Parameters[InstallUpdateJobHandler.WindowStartParameter]);
        Assert.Equal("4", command.Parameters[InstallUpdateJobHandler.WindowHoursParameter]);
        Assert.True(command.Timeout > TimeSpan.FromDays(7), $"the job must outlive a week's wait for its window, but its timeout is {command.Timeout}");
    }

    [Fact]
    public async Task InstallUpdate_LinuxHostRejected()
    {
        var response = await _api.SendAsync(HttpMethod.Post, ActionPath(ExtensionApiFixture.MachineIdOf(ExtensionApiFixture.LinuxHost), "installUpdate"), InstallBody);

        Assert.Equal(400, response.Status);
        Assert.Contains("only to Windows hosts", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task InstallUpdate_LicenseOnlyHostRejected()
    {
        var response = await _api.SendAsync(HttpMethod.Post, ActionPath(ExtensionApiFixture.MachineIdOf(ExtensionApiFixture.LicenseOnlyHost), "installUpdate"), InstallBody);

        Assert.Equal(409, response.Status);
        Assert.Equal(FeatureLicensing.RejectionCode, response.ErrorCode);
        Assert.Contains(ExtensionApiFixture.LicenseOnlyHost, response.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Automatic updates", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Theory]
    [InlineData("""{"updateId": "KB1", "classification": "Urgent", "maintenanceWindow": {"dayOfWeek": "Sunday", "startTimeUtc": "02:00", "durationHours": 4}}""", "classification")]
    [InlineData("""{"updateId": "KB1", "classification": "Critical", "maintenanceWindow": {"dayOfWeek": "Funday", "startTimeUtc": "02:00", "durationHours": 4}}""", "dayOfWeek")]
    [InlineData("""{"updateId": "KB1", "classification": "Critical", "maintenanceWindow": {"dayOfWeek": "Sunday", "startTimeUtc": "2am", "durationHours": 4}}""", "startTimeUtc")]
    [InlineData("""{"updateId": "KB1", "classification": "Critical", "maintenanceWindow": {"dayOfWeek": "Sunday", "startTimeUtc": "02:00", "durationHours": 0}}""", "durationHours")]
    [InlineData("""{"classification": "Critical", "maintenanceWindow": {"dayOfWeek": "Sunday", "startTimeUtc": "02:00", "durationHours": 4}}""", "updateId")]
    [InlineData("""{"updateId": "KB1", "classification": "Critical"}""", "maintenanceWindow")]
    [InlineData("""{"updateId": "KB1'; DROP TABLE x;--", "classification": "Critical", "maintenanceWindow": {"dayOfWeek": "Sunday", "startTimeUtc": "02:00", "durationHours": 4}}""", "updateId")]
    [InlineData("""{"updateId": "KB1", "classification": "Moderate", "maintenanceWindow": {"dayOfWeek": "Sunday", "startTimeUtc": "02:00", "durationHours": 4}}""", "Moderate")]
    public async Task InstallUpdate_InvalidBodyNamesProperty(string body, string property)
    {
        var response = await _api.SendAsync(HttpMethod.Post, ActionPath(MachineId(), "installUpdate"), body);

        Assert.Equal(400, response.Status);
        Assert.Contains(property, response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Commands.Enqueued);
    }
}
