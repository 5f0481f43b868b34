using ArcActors.Arm.Auth;
using ArcActors.Arm.Extensions;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Extensions;

/// <summary>The RBAC actions of the extension routes, and what Reader and Contributor may do with them.</summary>
public sealed class ExtensionPermissionTests : IClassFixture<ExtensionApiFixture>
{
    private readonly ExtensionApiFixture _api;

    public ExtensionPermissionTests(ExtensionApiFixture api)
    {
        _api = api;
        _api.Reset();
    }

    [Theory]
    [InlineData("GET", ArmActions.ExtensionsRead)]
    [InlineData("PUT", ArmActions.ExtensionsWrite)]
    [InlineData("PATCH", ArmActions.ExtensionsWrite)]
    [InlineData("DELETE", ArmActions.ExtensionsDelete)]
    public void Rules_ExtensionActionPerMethod(string method, string expectedAction)
    {
        var request = new ArmRequest.MachineExtension(MachineId(), MachineRoutes.WindowsExtension);

        var (action, target) = ArmRequestRules.Permission(request, method);

        Assert.Equal(expectedAction, action);
        Assert.Equal($"{MachineId()}/extensions/WindowsAgent.SqlServer", target);
    }

    [Theory]
    [InlineData(MachineRoutes.GetJobsStatus, ArmActions.MachineGetJobsStatus)]
    [InlineData(MachineRoutes.InstallUpdate, ArmActions.InstallUpdate)]
    public void Rules_MachineActionPermission(string actionName, string expectedAction)
    {
        var (action, target) = ArmRequestRules.Permission(new ArmRequest.MachineAction(MachineId(), actionName), "POST");

        Assert.Equal(expectedAction, action);
        Assert.Equal(MachineId(), target);
    }

    [Theory]
    [InlineData(ArmActions.ExtensionsRead, true)]
    [InlineData(ArmActions.ExtensionsWrite, false)]
    [InlineData(ArmActions.ExtensionsDelete, false)]
    [InlineData(ArmActions.InstallUpdate, false)]
    public void Reader_GrantsOnlyExtensionRead(string action, bool expected)
    {
        Assert.Equal(expected, ArmRoles.Reader.Allows(action));
    }

    [Theory]
    [InlineData(ArmActions.ExtensionsRead)]
    [InlineData(ArmActions.ExtensionsWrite)]
    [InlineData(ArmActions.ExtensionsDelete)]
    [InlineData(ArmActions.MachineGetJobsStatus)]
    [InlineData(ArmActions.InstallUpdate)]
    public void Contributor_GrantsEveryExtensionAction(string action)
    {
        Assert.True(ArmRoles.Contributor.Allows(action));
    }

    [Fact]
    public async Task Reader_GetExtensionAllowed()
    {
        var response = await _api.SendAsync(HttpMethod.Get, ExtensionApiFixture.ExtensionPath(MachineId()), role: "Reader");

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Reader_PutExtensionForbidden()
    {
        var response = await _api.SendAsync(HttpMethod.Put, ExtensionApiFixture.ExtensionPath(MachineId()),
            """{"properties": {"settings": {"LicenseType": "Paid"}}}""", role: "Reader");

        Assert.Equal(403, response.Status);
        Assert.Contains(ArmActions.ExtensionsWrite, response.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task Reader_DeleteExtensionForbidden()
    {
        var response = await _api.SendAsync(HttpMethod.Delete, ExtensionApiFixture.ExtensionPath(MachineId()), role: "Reader");

        Assert.Equal(403, response.Status);
        Assert.Empty(_api.Commands.Enqueued);
    }

    [Fact]
    public async Task Contributor_DeleteExtensionAccepted()
    {
        var response = await _api.SendAsync(HttpMethod.Delete, ExtensionApiFixture.ExtensionPath(MachineId()));

        Assert.Equal(202, response.Status);
    }
}
