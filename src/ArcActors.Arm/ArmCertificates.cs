using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ArcActors.Arm;

/// <summary>Creates and reuses the API's self-signed server certificate.</summary>
public static class ArmCertificates
{
    public const string FileName = "arm-api.pfx";

    /// <summary>
    /// Loads <c>arm-api.pfx</c> from <paramref name="dataFolder"/>, or creates a self-signed certificate
    /// for localhost and 127.0.0.1 and saves it there first when the file is missing.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string dataFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);

        var path = Path.Combine(Path.GetFullPath(dataFolder), FileName);
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var created = CreateSelfSigned(DateTimeOffset.UtcNow);
        var pfx = created.Export(X509ContentType.Pkcs12);

        // NOTE: the PFX has no password, so only the file's permissions protect the private key.
        File.WriteAllBytes(path, pfx);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }

    /// <summary>Creates a self-signed RSA 2048 server certificate for localhost and 127.0.0.1, valid for five years.</summary>
    public static X509Certificate2 CreateSelfSigned(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));

        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(5));
    }
}
