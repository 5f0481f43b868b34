namespace ArcActors.Arm.Tests;

public sealed class ArmApiLifecycleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "arcactors-arm-life-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // NOTE: a pooled SQLite handle released late can keep the file open, and then the folder stays behind.
        }
    }

    [Fact]
    public async Task ArmApi_RestartKeepsGeneratedCertificate()
    {
        var options = new ArmApiOptions { ReadStorePath = Path.Combine(_folder, "read.db"), DataFolder = _folder };

        string firstThumbprint;
        await using (var first = ArmApi.Build(options))
        {
            await first.StartAsync();
            firstThumbprint = first.CertificateThumbprint;
            Assert.NotEqual(0, first.Port);
        }

        await using var second = ArmApi.Build(options);
        await second.StartAsync();

        Assert.Equal(firstThumbprint, second.CertificateThumbprint);
        using var http = new HttpClient(ArmApiFixture.TrustingHandler(second.CertificateThumbprint)) { BaseAddress = second.BaseAddress };
        using var response = await http.GetAsync("/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.HybridCompute?api-version=2024-01-01");
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public void ArmApi_BuildWithoutStoreThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => ArmApi.Build(new ArmApiOptions { DataFolder = _folder }));

        Assert.Contains("ReadStorePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArmApi_BuildWithoutCertificateOrFolderThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => ArmApi.Build(new ArmApiOptions { ReadStorePath = Path.Combine(_folder, "read.db") }));

        Assert.Contains("DataFolder", error.Message, StringComparison.Ordinal);
    }
}
