using System.Security.Cryptography.X509Certificates;
using ArcActors.Arm;
using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Pipeline;

/// <summary>The API certificate given with <c>up --cert</c>: PFX and PEM files load with their keys, and bad files get a clear error.</summary>
public sealed class ApiCertificateTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("cert");
    private readonly X509Certificate2 _certificate = ArmCertificates.CreateSelfSigned(DateTimeOffset.UtcNow);

    [Fact]
    public void LoadCertificate_ReadsPfx()
    {
        var path = Path.Combine(_folder, "api.pfx");
        File.WriteAllBytes(path, _certificate.Export(X509ContentType.Pkcs12));

        using var loaded = ApiHost.LoadCertificate(path, keyPath: null);

        Assert.Equal(_certificate.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
    }

    [Fact]
    public void LoadCertificate_ReadsPemWithSeparateKey()
    {
        var certificatePath = Path.Combine(_folder, "api.crt");
        var keyPath = Path.Combine(_folder, "api.key");
        File.WriteAllText(certificatePath, _certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, _certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        using var loaded = ApiHost.LoadCertificate(certificatePath, keyPath);

        Assert.Equal(_certificate.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
    }

    [Fact]
    public void LoadCertificate_PemWithoutKeyNamesFileAndFix()
    {
        var certificatePath = Path.Combine(_folder, "only.crt");
        File.WriteAllText(certificatePath, _certificate.ExportCertificatePem());

        var error = Assert.ThrowsAny<IOException>(() => ApiHost.LoadCertificate(certificatePath, keyPath: null));

        Assert.Contains(certificatePath, error.Message);
        Assert.Contains("--cert-key", error.Message);
    }

    [Fact]
    public void LoadCertificate_MissingFileNamesPath()
    {
        var missing = Path.Combine(_folder, "missing.pfx");

        var error = Assert.ThrowsAny<IOException>(() => ApiHost.LoadCertificate(missing, keyPath: null));

        Assert.Contains(missing, error.Message);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
