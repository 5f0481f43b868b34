using System.Security.Cryptography.X509Certificates;
using ArcActors.Arm;
using ArcActors.Arm.Auth;
using Microsoft.Extensions.Logging;

namespace ArcActors.Node.Runtime;

/// <summary>Starts the ARM-compatible API (the "api" role) of an embedded node, with bearer tokens signed by the data folder's key.</summary>
public static class ApiHost
{
    /// <summary>Environment variable with the password of a PFX given by <c>--cert</c>; a command-line password would show in process lists.</summary>
    public const string CertificatePasswordVariable = "ARCACTORS_CERT_PASSWORD";

    // Request failures (500) and writes go to standard error, warnings and above, in one line each.
    private static readonly Microsoft.Extensions.Logging.ILoggerFactory ApiLogging = Microsoft.Extensions.Logging.LoggerFactory.Create(logging =>
        logging.AddConsole(console => console.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace)
            .AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning)
            .AddFilter("ArcActors", Microsoft.Extensions.Logging.LogLevel.Information));

    public sealed record Settings(int Port, string? CertificatePath, string? CertificateKeyPath);

    public static async Task<ArmApi> StartAsync(EmbeddedNode node, Settings settings, Guid subscriptionId, IReadOnlyList<string> locations, TextWriter output)
    {
        var key = TokenKey.LoadOrCreate(TokenKey.DefaultPath(node.Data.Root));
        var certificate = settings.CertificatePath is null ? null : LoadCertificate(settings.CertificatePath, settings.CertificateKeyPath);
        var api = ArmApi.Build(new ArmApiOptions
        {
            Store = node.Store,
            DataFolder = node.Data.Root,
            Certificate = certificate,
            Port = settings.Port,
            Locations = locations,
            Authorizer = new ArmAuthorizer(key, TimeProvider.System),
            LoggerFactory = ApiLogging,
            Commands = new AkkaArmCommands(node.Dps, TimeProvider.System),
        });
        await api.StartAsync();

        var source = certificate is null ? $"self-signed, in {Path.Combine(node.Data.Root, ArmCertificates.FileName)}" : settings.CertificatePath;
        output.WriteLine($"ARM API on {api.BaseAddress} (certificate {api.CertificateThumbprint}, {source}); "
            + $"get a token with: arcactors token --data {node.Data.Root} --principal NAME --role Reader --scope /subscriptions/{subscriptionId:D}");
        return api;
    }

    /// <summary>Loads a PFX (.pfx, .p12) or a PEM certificate with its key (in the same file or in <paramref name="keyPath"/>).</summary>
    /// <exception cref="IOException">The file cannot be read or contains no usable certificate with a private key.</exception>
    public static X509Certificate2 LoadCertificate(string path, string? keyPath)
    {
        foreach (var file in new[] { path, keyPath })
        {
            if (file is not null && !File.Exists(file))
            {
                throw new IOException($"the file '{Path.GetFullPath(file)}' is not found; give the path of the API certificate (a PFX, or a PEM file) and of its PEM key file, if separate.");
            }
        }

        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            var certificate = extension is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, Environment.GetEnvironmentVariable(CertificatePasswordVariable))
                : X509Certificate2.CreateFromPemFile(path, keyPath);
            return certificate.HasPrivateKey
                ? certificate
                : throw new IOException($"the certificate in '{path}' has no private key; give a PFX with its key, or --cert-key with the PEM key file");
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or ArgumentException or FileNotFoundException)
        {
            throw new IOException($"cannot load the API certificate '{path}': {exception.Message.TrimEnd('.')}. Give a PFX (password in {CertificatePasswordVariable}) "
                + "or a PEM file with its private key in it or in a key file (--cert-key for up, arcactors.node.api.certificate-key in a node file).", exception);
        }
    }
}
