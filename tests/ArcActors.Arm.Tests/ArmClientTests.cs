using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests;

/// <summary>Reads the API with the official Azure.ResourceManager client over real HTTPS.</summary>
public sealed class ArmClientTests(ArmApiFixture fixture) : IClassFixture<ArmApiFixture>
{
    private readonly RequestRecorder _recorder = new();

    private ArmClient CreateClient()
    {
        var baseAddress = fixture.Api.BaseAddress!;
        var options = new ArmClientOptions
        {
            Environment = new ArmEnvironment(baseAddress, baseAddress.ToString()),
            Transport = new HttpClientTransport(ArmApiFixture.TrustingHandler(fixture.Api.CertificateThumbprint)),
        };
        options.Retry.MaxRetries = 0;
        options.AddPolicy(_recorder, HttpPipelinePosition.PerRetry);
        return new ArmClient(new FixedTokenCredential(), default(string), options);
    }

    [Fact]
    public async Task ArmClient_GetsDatabaseById()
    {
        var id = InstanceId("SALES") + "/databases/sales-0007";

        var response = await CreateClient().GetGenericResource(new ResourceIdentifier(id)).GetAsync();

        Assert.Equal(id, response.Value.Data.Id.ToString());
        Assert.Equal("sales-0007", response.Value.Data.Name);
        Assert.Equal("Microsoft.AzureArcData/sqlServerInstances/databases", response.Value.Data.ResourceType.ToString());
        Assert.Contains(_recorder.Uris, uri => uri.AbsolutePath.EndsWith("/providers/Microsoft.AzureArcData", StringComparison.Ordinal));
        Assert.Contains(_recorder.Uris, uri => uri.Query.Contains("api-version=2024-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ArmClient_GetsMachineAndAvailabilityGroup()
    {
        var client = CreateClient();
        var availabilityGroupId = InstanceId("SALES") + "/availabilityGroups/" + ArmApiFixture.AvailabilityGroupName;

        var machine = await client.GetGenericResource(new ResourceIdentifier(MachineId())).GetAsync();
        var availabilityGroup = await client.GetGenericResource(new ResourceIdentifier(availabilityGroupId)).GetAsync();

        Assert.Equal(HostName, machine.Value.Data.Name);
        Assert.Equal("Microsoft.HybridCompute/machines", machine.Value.Data.ResourceType.ToString());
        Assert.Equal(ArmApiFixture.AvailabilityGroupName, availabilityGroup.Value.Data.Name);
    }

    [Fact]
    public async Task ArmClient_GetIgnoresIdCase()
    {
        var storedId = InstanceId("SALES");

        var response = await CreateClient().GetGenericResource(new ResourceIdentifier(storedId.ToUpperInvariant())).GetAsync();

        Assert.Equal(storedId, response.Value.Data.Id.ToString());
    }

    [Fact]
    public async Task ArmClient_Lists1500DatabasesAcrossPages()
    {
        Assert.Equal(1500, ArmApiFixture.SalesDatabaseCount + ArmApiFixture.HrDatabaseCount);
        var group = CreateClient().GetResourceGroupResource(new ResourceIdentifier(GroupId));
        var ids = new List<string>();

        await foreach (var resource in group.GetGenericResourcesAsync(filter: "resourceType eq 'Microsoft.AzureArcData/sqlServerInstances/databases'"))
        {
            ids.Add(resource.Id.ToString());
        }

        Assert.Equal(ArmApiFixture.SalesDatabaseCount + ArmApiFixture.HrDatabaseCount, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(InstanceId("SALES") + "/databases/sales-0259", ids);
        Assert.Contains(InstanceId("HR") + "/databases/hr-1239", ids);
        var pages = _recorder.Uris.Count(uri => uri.AbsolutePath.EndsWith("/resources", StringComparison.Ordinal));
        Assert.Equal((ids.Count + 99) / 100, pages);
    }

    [Fact]
    public async Task ArmClient_MissingResourceSurfacesResourceNotFound()
    {
        var id = InstanceId("SALES") + "/databases/no-such-database";

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => CreateClient().GetGenericResource(new ResourceIdentifier(id)).GetAsync());

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
    }
}
