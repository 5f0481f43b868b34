using ArcActors.Arm.Extensions;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Extensions;

public sealed class ExtensionRoutingTests
{
    [Theory]
    [InlineData("WindowsAgent.SqlServer", "WindowsAgent.SqlServer")]
    [InlineData("linuxagent.sqlserver", "LinuxAgent.SqlServer")]
    public void Parser_ExtensionRouteNamesMachineAndExtension(string segment, string expectedName)
    {
        var request = ArmRequestParser.Parse($"{MachineId()}/extensions/{segment}");

        var extension = Assert.IsType<ArmRequest.MachineExtension>(request);
        Assert.Equal(MachineId(), extension.MachineId);
        Assert.Equal(expectedName, extension.ExtensionName);
    }

    [Fact]
    public void Parser_OtherExtensionNotFoundListsBoth()
    {
        var request = ArmRequestParser.Parse($"{MachineId()}/extensions/MDE.Windows");

        var invalid = Assert.IsType<ArmRequest.Invalid>(request);
        Assert.Equal(404, invalid.Error.Status);
        Assert.Contains("MDE.Windows", invalid.Error.Message, StringComparison.Ordinal);
        Assert.Contains("WindowsAgent.SqlServer", invalid.Error.Message, StringComparison.Ordinal);
        Assert.Contains("LinuxAgent.SqlServer", invalid.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("getJobsStatus", "getJobsStatus")]
    [InlineData("INSTALLUPDATE", "installUpdate")]
    public void Parser_MachineActionNamesAction(string segment, string expectedAction)
    {
        var request = ArmRequestParser.Parse($"{MachineId()}/{segment}");

        var action = Assert.IsType<ArmRequest.MachineAction>(request);
        Assert.Equal(expectedAction, action.Action);
        Assert.Equal(MachineId(), action.MachineId);
    }

    [Fact]
    public void Parser_MachineResourceStaysResource()
    {
        var request = ArmRequestParser.Parse(MachineId());

        var resource = Assert.IsType<ArmRequest.Resource>(request);
        Assert.Equal(ArmResourceTypes.Machine, resource.Type);
    }

    [Fact]
    public void Parser_ExtensionOnInstanceProviderNotMatched()
    {
        var request = ArmRequestParser.Parse($"{InstanceId("SALES")}/extensions/WindowsAgent.SqlServer");

        Assert.IsNotType<ArmRequest.MachineExtension>(request);
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("PUT", true)]
    [InlineData("PATCH", true)]
    [InlineData("DELETE", true)]
    [InlineData("POST", false)]
    public void Rules_ExtensionMethods(string method, bool allowed)
    {
        var request = new ArmRequest.MachineExtension(MachineId(), MachineRoutes.WindowsExtension);

        Assert.Equal(allowed, ArmRequestRules.Allows(request, method));
    }

    [Theory]
    [InlineData("POST", true)]
    [InlineData("GET", false)]
    public void Rules_MachineActionMethods(string method, bool allowed)
    {
        var request = new ArmRequest.MachineAction(MachineId(), MachineRoutes.InstallUpdate);

        Assert.Equal(allowed, ArmRequestRules.Allows(request, method));
    }
}
