using System.Security.Cryptography.X509Certificates;
using ArcActors.ReadModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArcActors.Arm;

/// <summary>
/// A read-only, ARM-compatible HTTPS API over the read store, served by Kestrel. Build it with
/// <see cref="Build"/>, then call <see cref="StartAsync"/>. Dispose it to stop listening.
/// </summary>
public sealed class ArmApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ReadStore? _ownedStore;
    private readonly ILoggerFactory? _ownedLogging;
    private bool _disposed;

    private ArmApi(WebApplication app, X509Certificate2 certificate, ReadStore? ownedStore, ILoggerFactory? ownedLogging)
    {
        _app = app;
        Certificate = certificate;
        _ownedStore = ownedStore;
        _ownedLogging = ownedLogging;
    }

    /// <summary>The server certificate, given or generated.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>SHA-1 thumbprint of <see cref="Certificate"/>, in upper-case hex, for clients that pin it.</summary>
    public string CertificateThumbprint => Certificate.Thumbprint;

    /// <summary>The bound TCP port, or 0 before <see cref="StartAsync"/> has finished.</summary>
    public int Port { get; private set; }

    /// <summary>The bound address, such as <c>https://127.0.0.1:5443/</c>, or null before <see cref="StartAsync"/> has finished.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>
    /// Configures the API without listening yet. When <paramref name="healthCheck"/> is given, it
    /// serves <c>GET /healthz</c> before authorization, so probes need no token; it must return no secrets.
    /// </summary>
    public static ArmApi Build(ArmApiOptions options, RequestDelegate? healthCheck = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptions(options);

        var certificate = options.Certificate ?? ArmCertificates.LoadOrCreate(options.DataFolder!);
        var ownedStore = options.Store is null ? ReadStore.Open(options.ReadStorePath!) : null;
        var store = options.Store ?? ownedStore!;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // NOTE: Kestrel's own logs are dropped. The request handler logs to ArmApiOptions.LoggerFactory, or to standard error without one.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(options.ListenAddress, options.Port, listen => listen.UseHttps(certificate)));

        var app = builder.Build();
        var ownedLogging = options.LoggerFactory is null ? StandardErrorLogging() : null;
        var logger = (options.LoggerFactory ?? ownedLogging!).CreateLogger<ArmApi>();
        var handler = new ArmRequestHandler(store, options, new ArmWriteHandler(store, options, logger), new Jobs.ArmJobHandler(store, options, logger), logger);
        if (healthCheck is not null)
        {
            app.Use((context, next) => IsHealthRequest(context) ? healthCheck(context) : next(context));
        }

        app.Run(handler.HandleAsync);

        return new ArmApi(app, certificate, ownedStore, ownedLogging);
    }

    /// <summary>Starts listening and records the bound port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        await _app.StartAsync(cancellationToken);

        var server = _app.Services.GetService(typeof(IServer)) as IServer;
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started but reported no bound address.");
        var bound = new Uri(address);
        Port = bound.Port;
        BaseAddress = new Uri($"https://{bound.Authority}/");
    }

    /// <summary>Stops listening. Requests in flight may finish until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _app.DisposeAsync();
        _ownedStore?.Dispose();
        _ownedLogging?.Dispose();
    }

    // Warnings and errors (failed requests), one line each on standard error, where the node's other logs go.
    private static ILoggerFactory StandardErrorLogging() => LoggerFactory.Create(logging => logging
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(console => console.SingleLine = true)
        .SetMinimumLevel(LogLevel.Warning));

    private static bool IsHealthRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Equals("/healthz", StringComparison.Ordinal);

    private static void ValidateOptions(ArmApiOptions options)
    {
        if (options.Store is null && string.IsNullOrWhiteSpace(options.ReadStorePath))
        {
            throw new ArgumentException("Set ArmApiOptions.Store or ArmApiOptions.ReadStorePath to the read store the API serves.", nameof(options));
        }

        if (options.Certificate is null && string.IsNullOrWhiteSpace(options.DataFolder))
        {
            throw new ArgumentException("Set ArmApiOptions.Certificate, or ArmApiOptions.DataFolder where the API keeps its generated certificate.", nameof(options));
        }

        if (options.Certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException($"The certificate {options.Certificate.Thumbprint} has no private key; give a certificate loaded with its key.", nameof(options));
        }

        if (options.DefaultPageSize < 1 || options.MaxPageSize < options.DefaultPageSize)
        {
            throw new ArgumentException(
                $"Page sizes are invalid (default {options.DefaultPageSize}, maximum {options.MaxPageSize}); use 1 <= default <= maximum.", nameof(options));
        }
    }
}
