using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ArcActors.Node.Commands;

/// <summary>
/// <c>arcactors certs dev</c>: creates a development CA (ECDSA P-256, valid one year) and one PKCS#12
/// file per node and per host, each signed by the CA, valid for server and client authentication,
/// with the SANs localhost and 127.0.0.1. Also writes the CA certificate as PEM and one random password
/// shared by the PKCS#12 files. The PKCS#12 files and the password file get mode 0600 on Unix.
/// The CA's private key is never written, so adding a node later needs a new set.
/// </summary>
public static class CertsDevCommand
{
    public sealed record Options(string OutputDirectory, int Nodes, int Hosts);

    public const string CaFileName = "ca.pem";
    public const string PasswordFileName = "pfx-password";
    public const int MaxNodes = 100;
    public const int MaxHosts = 1000;

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public static string NodeFileName(int index) => $"node-{index}.pfx";

    public static string HostFileName(int index) => $"host-{index}.pfx";

    /// <summary>Writes the files and lists them on <paramref name="output"/>.</summary>
    /// <exception cref="IOException">A file already exists or cannot be written; nothing is overwritten.</exception>
    public static int Run(Options options, TextWriter output, TimeProvider clock)
    {
        var folder = Path.GetFullPath(options.OutputDirectory);
        var leafNames = Enumerable.Range(1, options.Nodes).Select(NodeFileName)
            .Concat(Enumerable.Range(1, options.Hosts).Select(HostFileName))
            .ToList();
        var targets = leafNames.Append(CaFileName).Append(PasswordFileName).Select(name => Path.Combine(folder, name)).ToList();
        var existing = targets.FirstOrDefault(File.Exists);
        if (existing is not null)
        {
            throw new IOException($"{existing} already exists; give an empty folder with --out, or delete the earlier development certificates first.");
        }

        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa(caKey, now);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

        WritePrivate(Path.Combine(folder, PasswordFileName), System.Text.Encoding.ASCII.GetBytes(password));
        File.WriteAllText(Path.Combine(folder, CaFileName), ca.ExportCertificatePem() + "\n");
        foreach (var name in leafNames)
        {
            var subject = Path.GetFileNameWithoutExtension(name);
            WritePrivate(Path.Combine(folder, name), CreateLeafPkcs12(ca, caKey, subject, now, password));
        }

        output.WriteLine($"wrote to {folder}:");
        output.WriteLine($"  {CaFileName,-14} development CA certificate (the CA's private key is not kept)");
        output.WriteLine($"  {PasswordFileName,-14} password of every .pfx file below (mode 0600)");
        foreach (var name in leafNames)
        {
            output.WriteLine($"  {name,-14} certificate and private key of {Path.GetFileNameWithoutExtension(name)}, SANs localhost and 127.0.0.1 (mode 0600)");
        }

        output.WriteLine("WARNING: these certificates are for local development only. The CA is valid for one year and any");
        output.WriteLine("holder of a .pfx file and the password can join; use certificates from your own CA in production.");
        return 0;
    }

    private static X509Certificate2 CreateCa(ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest("CN=ArcActors development CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Lifetime));
    }

    // Peers connect to each other both ways, so every certificate allows server and client authentication.
    private static byte[] CreateLeafPkcs12(X509Certificate2 ca, ECDsa caKey, string name, DateTimeOffset now, string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=ArcActors development {name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), ca.NotAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        using var publicCa = X509CertificateLoader.LoadCertificate(ca.RawData);
        return new X509Certificate2Collection { withKey, publicCa }.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }

    private static void WritePrivate(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}
