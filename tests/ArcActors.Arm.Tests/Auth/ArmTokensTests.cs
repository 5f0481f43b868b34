using System.Text;
using System.Text.Json.Nodes;
using ArcActors.Arm.Auth;
using static ArcActors.Arm.Tests.Auth.AuthTestKeys;

namespace ArcActors.Arm.Tests.Auth;

public sealed class ArmTokensTests : IDisposable
{
    private readonly AuthTestKeys _keys = new();
    private readonly ManualClock _clock = new(Now);

    public void Dispose() => _keys.Dispose();

    [Fact]
    public void ArmTokens_IssuedClaimsRoundTrip()
    {
        var key = _keys.CreateKey();

        var token = ArmTokens.Issue(key, " alice ", "contributor", GroupScope("rg-sales"), TimeSpan.FromHours(8), _clock);

        Assert.True(ArmTokens.TryValidate(key, token, _clock, out var claims, out var error), error);
        Assert.Equal("alice", claims.Principal);
        Assert.Same(ArmRoles.Contributor, claims.Role);
        Assert.Equal(GroupScope("rg-sales"), claims.Scope.Path);
        Assert.Equal(Now, claims.IssuedAt);
        Assert.Equal(Now.AddHours(8), claims.ExpiresAt);
    }

    [Fact]
    public void ArmTokens_PayloadHasStandardClaims()
    {
        var token = ArmTokens.Issue(_keys.CreateKey(), "alice", "Reader", SubscriptionScope, TimeSpan.FromHours(1), _clock);

        var header = JsonNode.Parse(DecodePart(token, 0))!;
        var payload = JsonNode.Parse(DecodePart(token, 1))!;

        Assert.Equal("HS256", (string?)header["alg"]);
        Assert.Equal("arcactors", (string?)payload["iss"]);
        Assert.Equal("arcactors-arm", (string?)payload["aud"]);
        Assert.Equal("alice", (string?)payload["sub"]);
        Assert.Equal("Reader", (string?)payload["role"]);
        Assert.Equal(SubscriptionScope, (string?)payload["scope"]);
        Assert.Equal(Now.ToUnixTimeSeconds(), (long?)payload["iat"]);
        Assert.Equal(Now.AddHours(1).ToUnixTimeSeconds(), (long?)payload["exp"]);
    }

    [Fact]
    public void ArmTokens_UnknownRoleRejected()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            ArmTokens.Issue(_keys.CreateKey(), "alice", "Owner", SubscriptionScope, TimeSpan.FromHours(1), _clock));

        Assert.Contains("'Owner'", exception.Message);
        Assert.Contains("'Reader'", exception.Message);
        Assert.Contains("'Contributor'", exception.Message);
        Assert.Contains("'Azure Hybrid Database Administrator - Read Only Service Role'", exception.Message);
    }

    [Theory]
    [InlineData("/subscriptions/not-a-guid", "not a GUID")]
    [InlineData("/subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077/resourceGroups/bad name", "resource group name")]
    [InlineData("/subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077/resourceGroups/ends-with-period.", "resource group name")]
    [InlineData("/subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077/providers/Microsoft.AzureArcData", "/resourceGroups/")]
    [InlineData("subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077", "/resourceGroups/")]
    public void ArmTokens_InvalidScopeRejected(string scope, string expectedMessage)
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            ArmTokens.Issue(_keys.CreateKey(), "alice", "Reader", scope, TimeSpan.FromHours(1), _clock));

        Assert.Contains(expectedMessage, exception.Message);
    }

    [Fact]
    public void ArmTokens_InvalidLifetimeRejected()
    {
        var key = _keys.CreateKey();

        Assert.Throws<ArgumentOutOfRangeException>(() => ArmTokens.Issue(key, "alice", "Reader", SubscriptionScope, TimeSpan.Zero, _clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArmTokens.Issue(key, "alice", "Reader", SubscriptionScope, TimeSpan.FromDays(367), _clock));
    }

    private static byte[] DecodePart(string token, int index)
    {
        var part = token.Split('.')[index].Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '='));
    }
}
