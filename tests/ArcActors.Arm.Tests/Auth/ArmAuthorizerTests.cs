using ArcActors.Arm.Auth;
using static ArcActors.Arm.Tests.Auth.AuthTestKeys;

namespace ArcActors.Arm.Tests.Auth;

public sealed class ArmAuthorizerTests : IDisposable
{
    private const string HybridRole = "Azure Hybrid Database Administrator - Read Only Service Role";
    private const string InstanceRead = "Microsoft.AzureArcData/sqlServerInstances/read";
    private const string InstanceWrite = "Microsoft.AzureArcData/sqlServerInstances/write";
    private const string LicenseDelete = "Microsoft.AzureArcData/sqlServerLicenses/delete";
    private const string Register = "Microsoft.AzureArcData/register/action";
    private const string Unregister = "Microsoft.HybridCompute/unregister/action";
    private const string Telemetry = "Microsoft.AzureArcData/sqlServerInstances/getTelemetry/action";
    private const string ResourcesRead = "Microsoft.Resources/subscriptions/resources/read";
    private const string ActivityRead = "Microsoft.Insights/eventtypes/values/read";

    private readonly AuthTestKeys _keys = new();
    private readonly TokenKey _key;
    private readonly ManualClock _clock = new(Now);
    private readonly ArmAuthorizer _authorizer;

    public ArmAuthorizerTests()
    {
        _key = _keys.CreateKey();
        _authorizer = new ArmAuthorizer(_key, _clock);
    }

    public void Dispose() => _keys.Dispose();

    [Theory]
    [InlineData("Reader", InstanceRead, 200)]
    [InlineData("Reader", ResourcesRead, 200)]
    [InlineData("Reader", ActivityRead, 200)]
    [InlineData("Reader", InstanceWrite, 403)]
    [InlineData("Reader", LicenseDelete, 403)]
    [InlineData("Reader", Register, 403)]
    [InlineData("Reader", Telemetry, 403)]
    [InlineData("Contributor", InstanceRead, 200)]
    [InlineData("Contributor", InstanceWrite, 200)]
    [InlineData("Contributor", LicenseDelete, 200)]
    [InlineData("Contributor", Register, 200)]
    [InlineData("Contributor", Unregister, 200)]
    [InlineData("Contributor", Telemetry, 200)]
    [InlineData(HybridRole, InstanceRead, 200)]
    [InlineData(HybridRole, ActivityRead, 200)]
    [InlineData(HybridRole, Telemetry, 200)]
    [InlineData(HybridRole, InstanceWrite, 403)]
    [InlineData(HybridRole, Register, 403)]
    public void ArmAuthorizer_RoleGrantsItsActions(string role, string action, int expectedStatus)
    {
        var header = Bearer(role, SubscriptionScope);

        var result = _authorizer.Authorize(header, action, InstanceId("rg-sales", "SALES"));

        Assert.Equal(expectedStatus, result.Status);
        Assert.Equal(expectedStatus == 200, result.Succeeded);
        Assert.Equal("alice", result.Principal);
    }

    [Fact]
    public void ArmAuthorizer_SuccessCarriesClaims()
    {
        var result = _authorizer.Authorize(Bearer("reader", GroupScope("rg-sales")), InstanceRead, InstanceId("rg-sales", "SALES"));

        Assert.True(result.Succeeded);
        Assert.Equal("Reader", result.Claims!.Role.Name);
        Assert.Equal(GroupScope("rg-sales"), result.Claims.Scope.Path);
        Assert.Null(result.ErrorCode);
        Assert.Null(result.WwwAuthenticate);
    }

    [Theory]
    [InlineData("/resourceGroups/rg-sales/providers/Microsoft.AzureArcData/sqlServerInstances/SALES", 200)]
    [InlineData("/resourceGroups/RG-SALES/providers/microsoft.azurearcdata/sqlserverinstances/SALES/databases/db1", 200)]
    [InlineData("/resourceGroups/rg-sales/providers/Microsoft.AzureArcData/sqlServerInstances/", 200)]
    [InlineData("/resourceGroups/rg-sales/resources", 200)]
    [InlineData("/resourceGroups/rg-sales", 200)]
    [InlineData("/resourceGroups/rg-sales-2/providers/Microsoft.AzureArcData/sqlServerInstances/SALES", 403)]
    [InlineData("/resourceGroups/rg-hr/providers/Microsoft.AzureArcData/sqlServerInstances/HR", 403)]
    [InlineData("/resourceGroups/", 403)]
    [InlineData("/resources", 403)]
    [InlineData("/providers/Microsoft.AzureArcData", 403)]
    [InlineData("/resourceGroups/rg-sales/../rg-hr/providers/Microsoft.AzureArcData/sqlServerInstances/HR", 403)]
    public void ArmAuthorizer_ResourceGroupScopeCoversOnlyItsGroup(string targetBelowSubscription, int expectedStatus)
    {
        var result = _authorizer.Authorize(Bearer("Reader", GroupScope("rg-sales")), InstanceRead, SubscriptionScope + targetBelowSubscription);

        Assert.Equal(expectedStatus, result.Status);
    }

    [Fact]
    public void ArmAuthorizer_SubscriptionScopeCoversItsGroups()
    {
        var header = Bearer("Reader", SubscriptionScope.ToUpperInvariant().Replace("SUBSCRIPTIONS", "subscriptions"));

        Assert.True(_authorizer.Authorize(header, InstanceRead, InstanceId("rg-sales", "SALES")).Succeeded);
        Assert.True(_authorizer.Authorize(header, InstanceRead, InstanceId("rg-hr", "HR")).Succeeded);
        Assert.True(_authorizer.Authorize(header, ResourcesRead, SubscriptionScope + "/resourceGroups/").Succeeded);
    }

    [Fact]
    public void ArmAuthorizer_OtherSubscriptionForbidden()
    {
        var target = $"/subscriptions/{OtherSubscription}/resourceGroups/rg-sales/providers/Microsoft.AzureArcData/sqlServerInstances/SALES";

        var result = _authorizer.Authorize(Bearer("Contributor", SubscriptionScope), InstanceWrite, target);

        Assert.Equal(403, result.Status);
        Assert.Equal("AuthorizationFailed", result.ErrorCode);
        Assert.Equal(
            $"The client 'alice' with object id 'alice' does not have authorization to perform action '{InstanceWrite}' over scope '{target}' or the scope is invalid.",
            result.Message);
        Assert.Null(result.WwwAuthenticate);
    }

    [Fact]
    public void ArmAuthorizer_MissingHeaderChallengesWithoutError()
    {
        foreach (var header in new[] { null, "", "  " })
        {
            var result = _authorizer.Authorize(header, InstanceRead, InstanceId("rg-sales", "SALES"));

            Assert.Equal(401, result.Status);
            Assert.Equal("AuthenticationFailed", result.ErrorCode);
            Assert.Contains("header is missing", result.Message);
            Assert.StartsWith("Bearer ", result.WwwAuthenticate);
            Assert.DoesNotContain("error=", result.WwwAuthenticate);
        }
    }

    [Theory]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")]
    public void ArmAuthorizer_MalformedHeaderRejected(string header)
    {
        var result = _authorizer.Authorize(header, InstanceRead, InstanceId("rg-sales", "SALES"));

        Assert.Equal(401, result.Status);
        Assert.Equal("AuthenticationFailed", result.ErrorCode);
        Assert.Contains("invalid format", result.Message);
        Assert.Contains("error=\"invalid_token\"", result.WwwAuthenticate);
        Assert.DoesNotContain("YWxpY2U6c2VjcmV0", result.Message + result.WwwAuthenticate);
    }

    [Fact]
    public void ArmAuthorizer_MalformedTokenRejected()
    {
        foreach (var token in new[] { "abc.def", "not a token", "a.b.c", "..", "e30.e30.e30.e30", new string('e', 9000) + ".e30.e30" })
        {
            AssertInvalidToken(token, "malformed");
        }
    }

    [Fact]
    public void ArmAuthorizer_AlgorithmNoneRejected()
    {
        var unsigned = $"{Encode("""{"alg":"none","typ":"JWT"}"""u8.ToArray())}.{Encode(System.Text.Encoding.UTF8.GetBytes(Payload()))}.";

        AssertInvalidToken(unsigned, "algorithm is 'none'");
    }

    [Fact]
    public void ArmAuthorizer_OtherAlgorithmRejected()
    {
        var token = Sign(_key, """{"alg":"HS512","typ":"JWT"}""", Payload());

        AssertInvalidToken(token, "algorithm is 'HS512'");
    }

    [Fact]
    public void ArmAuthorizer_OtherKeyRejected()
    {
        var otherKey = _keys.CreateKey("other.key");
        var token = ArmTokens.Issue(otherKey, "alice", "Contributor", SubscriptionScope, TimeSpan.FromHours(1), _clock);

        AssertInvalidToken(token, "signed by another key");
    }

    [Fact]
    public void ArmAuthorizer_ChangedPayloadRejected()
    {
        var token = ArmTokens.Issue(_key, "alice", "Reader", SubscriptionScope, TimeSpan.FromHours(1), _clock);
        var parts = token.Split('.');
        var changed = $"{parts[0]}.{Encode(System.Text.Encoding.UTF8.GetBytes(Payload(role: "Contributor")))}.{parts[2]}";

        AssertInvalidToken(changed, "signed by another key");
    }

    [Fact]
    public void ArmAuthorizer_ExpiredTokenRejected()
    {
        var token = ArmTokens.Issue(_key, "alice", "Reader", SubscriptionScope, TimeSpan.FromHours(1), _clock);

        _clock.Now = Now.AddHours(1).AddSeconds(59);
        Assert.True(_authorizer.Authorize("Bearer " + token, InstanceRead, InstanceId("rg-sales", "SALES")).Succeeded);

        _clock.Now = Now.AddHours(1).AddSeconds(61);
        AssertInvalidToken(token, "expired at 2026-11-30T13:00:00Z");
    }

    [Fact]
    public void ArmAuthorizer_NotYetValidTokenRejected()
    {
        var token = ArmTokens.Issue(_key, "alice", "Reader", SubscriptionScope, TimeSpan.FromHours(1), _clock);

        _clock.Now = Now.AddSeconds(-59);
        Assert.True(_authorizer.Authorize("Bearer " + token, InstanceRead, InstanceId("rg-sales", "SALES")).Succeeded);

        _clock.Now = Now.AddSeconds(-61);
        AssertInvalidToken(token, "not valid before 2026-11-30T12:00:00Z");
    }

    [Fact]
    public void ArmAuthorizer_WrongAudienceRejected()
    {
        AssertInvalidToken(Sign(_key, """{"alg":"HS256"}""", Payload(aud: "\"https://management.azure.com/\"")), "audience");
        AssertInvalidToken(Sign(_key, """{"alg":"HS256"}""", Payload(aud: "[\"other\"]")), "audience");
    }

    [Fact]
    public void ArmAuthorizer_AudienceListAccepted()
    {
        var token = Sign(_key, """{"alg":"HS256"}""", Payload(aud: "[\"other\",\"arcactors-arm\"]"));

        Assert.True(_authorizer.Authorize("Bearer " + token, InstanceRead, InstanceId("rg-sales", "SALES")).Succeeded);
    }

    [Fact]
    public void ArmAuthorizer_WrongIssuerRejected()
    {
        AssertInvalidToken(Sign(_key, """{"alg":"HS256"}""", Payload(iss: "https://sts.windows.net/")), "issuer");
    }

    [Fact]
    public void ArmAuthorizer_UnknownRoleClaimRejected()
    {
        AssertInvalidToken(Sign(_key, """{"alg":"HS256"}""", Payload(role: "Owner")), "'role'");
    }

    private string Bearer(string role, string scope) =>
        "Bearer " + ArmTokens.Issue(_key, "alice", role, scope, TimeSpan.FromHours(1), _clock);

    private void AssertInvalidToken(string token, string expectedReason)
    {
        var result = _authorizer.Authorize("Bearer " + token, InstanceRead, InstanceId("rg-sales", "SALES"));

        Assert.Equal(401, result.Status);
        Assert.False(result.Succeeded);
        Assert.Equal("InvalidAuthenticationToken", result.ErrorCode);
        Assert.Contains(expectedReason, result.Message);
        Assert.Contains("error=\"invalid_token\"", result.WwwAuthenticate);
        Assert.Contains(expectedReason, result.WwwAuthenticate);
        Assert.DoesNotContain(token, result.Message);
        Assert.DoesNotContain(token, result.WwwAuthenticate);
    }
}
