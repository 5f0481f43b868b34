using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using Xunit;
using static ArcActors.Tests.Pipeline.ApiNode;

namespace ArcActors.Tests.Pipeline;

/// <summary>
/// The official Azure.ResourceManager client against a whole node: it registers the provider, writes and
/// reads a physical core license (choosing api-version 2026-01-01 from the provider document), and
/// surfaces our error codes in <see cref="RequestFailedException"/>.
/// </summary>
public sealed class ArmClientWriteTests : IAsyncLifetime
{
    private static readonly string Fleet = $$"""
        subscriptionId: {{Subscription}}
        resourceGroup: rg
        start: 2026-11-30T00:00:00Z
        hosts:
          - name: sql-01
            logicalProcessors: 8
            instances:
              - name: MSSQLSERVER
                edition: Enterprise
                version: 16.0.4135.4
        """;

    private static readonly ResourceIdentifier LicenseId =
        new($"{GroupPath}/providers/Microsoft.AzureArcData/sqlServerLicenses/datacenter-east");

    private ApiNode _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiNode.StartAsync(Fleet);
        Assert.Empty(await _api.CycleAsync());
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ArmClient_CreatesReadsAndDeletesLicense()
    {
        var client = Client("Contributor");
        var data = License(physicalCores: 32);

        var created = await client.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Completed, LicenseId, data);
        var read = await client.GetGenericResource(LicenseId).GetAsync();
        await read.Value.DeleteAsync(WaitUntil.Completed);

        Assert.Equal(LicenseId.ToString(), created.Value.Data.Id.ToString());
        var properties = System.Text.Json.Nodes.JsonNode.Parse(read.Value.Data.Properties.ToString())!;
        Assert.Equal(32, properties["physicalCores"]!.GetValue<int>());
        Assert.NotNull(properties["lastActivatedAt"]);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetGenericResource(LicenseId).GetAsync());
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task ArmClient_OddCoreCountSurfacesInvalidParameter()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Client("Contributor").GetGenericResources().CreateOrUpdateAsync(WaitUntil.Completed, LicenseId, License(physicalCores: 15)));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidParameter", error.ErrorCode);
        Assert.Contains("15", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArmClient_ReaderWriteSurfacesAuthorizationFailed()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Client("Reader").GetGenericResources().CreateOrUpdateAsync(WaitUntil.Completed, LicenseId, License(physicalCores: 32)));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailed", error.ErrorCode);
        Assert.Contains("Microsoft.AzureArcData/sqlServerLicenses/write", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArmClient_UnregistersAndRegistersProvider()
    {
        var subscription = Client("Contributor").GetSubscriptionResource(new ResourceIdentifier($"/subscriptions/{Subscription}"));

        var provider = (await subscription.GetResourceProviderAsync("Microsoft.AzureArcData")).Value;
        var unregistered = await provider.UnregisterAsync();
        var again = await provider.RegisterAsync();

        Assert.Equal("NotRegistered", unregistered.Value.Data.RegistrationState);
        Assert.Equal("Registered", again.Value.Data.RegistrationState);
        Assert.Contains(again.Value.Data.ResourceTypes, type => type.ResourceType == "sqlServerLicenses" && type.ApiVersions.Contains("2026-01-01"));
    }

    [Fact]
    public async Task ArmClient_WithoutTokenSurfacesAuthenticationFailed()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client(role: null).GetGenericResource(LicenseId).GetAsync());

        Assert.Equal(401, error.Status);
        Assert.Equal("InvalidAuthenticationToken", error.ErrorCode);
    }

    private static GenericResourceData License(int physicalCores) => new(new AzureLocation("westeurope"))
    {
        Properties = BinaryData.FromObjectAsJson(new
        {
            billingPlan = "PAYG",
            physicalCores,
            licenseCategory = "Core",
            scopeType = "ResourceGroup",
            activationState = "Activated",
        }),
    };

    private ArmClient Client(string? role)
    {
        var baseAddress = _api.Api.BaseAddress!;
        var options = new ArmClientOptions
        {
            Environment = new ArmEnvironment(baseAddress, baseAddress.ToString()),
            Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _api.Thumbprint,
            }),
        };
        options.Retry.MaxRetries = 0;
        var token = role is null ? "not-a-token" : _api.Token(role);
        return new ArmClient(new StaticToken(token), Subscription, options);
    }

    private sealed class StaticToken(string token) : TokenCredential
    {
        private AccessToken Token => new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token);
    }
}
