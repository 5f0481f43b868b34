using Azure.Core;

namespace ArcActors.Arm.Tests;

/// <summary>Returns the same dummy bearer token for every request, because the API does not check tokens yet.</summary>
internal sealed class FixedTokenCredential : TokenCredential
{
    private static readonly AccessToken Token = new("arm-api-test-token", DateTimeOffset.UtcNow.AddHours(1));

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token);
}
