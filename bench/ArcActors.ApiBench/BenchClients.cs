namespace ArcActors.ApiBench;

/// <summary>Creates HTTP clients that trust only the API's generated certificate, identified by its thumbprint.</summary>
public static class BenchClients
{
    public static HttpClient Create(Uri baseAddress, string thumbprint)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase),
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }
}
