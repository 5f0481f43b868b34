using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Transport.DotNetty;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Trusts only one CA for remoting peers. Akka.Remote 1.5.75 has no HOCON setting for a trusted CA (its
/// chain check uses the system store), so the node passes a <see cref="DotNettySslSetup"/> whose
/// validator accepts a peer certificate only when it chains to <c>arcactors.node.tls.ca-certificate</c>.
/// </summary>
public static class RemoteTlsPinning
{
    /// <exception cref="NodeConfigException">The CA or the node certificate cannot be loaded.</exception>
    public static DotNettySslSetup Create(string nodeCertificatePath, string? password, string caPath, string file)
    {
        X509Certificate2 ca;
        X509Certificate2 node;
        if (!File.Exists(caPath))
        {
            throw new NodeConfigException($"{NodeSettings.Section}.tls.ca-certificate {caPath} in {file} is not found; "
                + "give the CA certificate (PEM or DER) that signed the nodes' certificates, such as the ca.pem of 'arcactors certs dev'.");
        }

        try
        {
            ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
            node = X509CertificateLoader.LoadPkcs12FromFile(nodeCertificatePath, password);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new NodeConfigException($"{NodeSettings.Section}.tls.ca-certificate {caPath} in {file} cannot be loaded: {exception.Message}; "
                + "give the CA certificate (PEM or DER) that signed the nodes' certificates, e.g. the ca.pem of 'arcactors certs dev'.");
        }

        return new DotNettySslSetup(node, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false,
            customValidator: (certificate, _, _, _, _) => certificate is not null && ChainsTo(certificate, ca));
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 ca)
    {
        using var peer = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer);
    }
}
