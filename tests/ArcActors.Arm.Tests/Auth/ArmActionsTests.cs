using ArcActors.Arm.Auth;

namespace ArcActors.Arm.Tests.Auth;

public sealed class ArmActionsTests
{
    [Theory]
    [InlineData("GET", "Microsoft.AzureArcData", "sqlServerInstances", "Microsoft.AzureArcData/sqlServerInstances/read")]
    [InlineData("get", "Microsoft.AzureArcData", "sqlServerInstances/databases", "Microsoft.AzureArcData/sqlServerInstances/databases/read")]
    [InlineData("HEAD", "Microsoft.HybridCompute", "machines", "Microsoft.HybridCompute/machines/read")]
    [InlineData("PUT", "Microsoft.AzureArcData", "sqlServerInstances", "Microsoft.AzureArcData/sqlServerInstances/write")]
    [InlineData("PATCH", "Microsoft.AzureArcData", "sqlServerLicenses", "Microsoft.AzureArcData/sqlServerLicenses/write")]
    [InlineData("DELETE", "Microsoft.AzureArcData", "sqlServerLicenses", "Microsoft.AzureArcData/sqlServerLicenses/delete")]
    [InlineData("POST", "Microsoft.AzureArcData", "sqlServerInstances/getTelemetry", "Microsoft.AzureArcData/sqlServerInstances/getTelemetry/action")]
    [InlineData("POST", "Microsoft.AzureArcData", "register", "Microsoft.AzureArcData/register/action")]
    public void ArmActions_ForMethodAndType(string method, string providerNamespace, string typePath, string expected)
    {
        Assert.Equal(expected, ArmActions.For(method, providerNamespace, typePath));
    }

    [Fact]
    public void ArmActions_ProviderRegistration()
    {
        Assert.Equal("Microsoft.HybridCompute/register/action", ArmActions.Register("Microsoft.HybridCompute"));
        Assert.Equal("Microsoft.AzureArcData/unregister/action", ArmActions.Unregister("Microsoft.AzureArcData"));
    }

    [Fact]
    public void ArmActions_UnknownMethodRejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => ArmActions.For("OPTIONS", "Microsoft.AzureArcData", "sqlServerInstances"));

        Assert.Contains("'OPTIONS'", exception.Message);
    }
}
