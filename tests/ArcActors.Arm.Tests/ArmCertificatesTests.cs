using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ArcActors.Arm.Tests;

public sealed class ArmCertificatesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "arcactors-arm-cert-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ArmCertificates_ReusesSavedCertificate()
    {
        using var first = ArmCertificates.LoadOrCreate(_folder);
        using var second = ArmCertificates.LoadOrCreate(_folder);

        Assert.True(File.Exists(Path.Combine(_folder, ArmCertificates.FileName)));
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(second.HasPrivateKey);
    }

    [Fact]
    public void ArmCertificates_NamesLocalhostAndLoopback()
    {
        using var certificate = ArmCertificates.LoadOrCreate(_folder);

        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
    }
}
