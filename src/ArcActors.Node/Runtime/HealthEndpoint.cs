using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Plain-HTTP <c>GET /healthz</c> on <c>arcactors.node.management-port</c>, for a node without the
/// api role. It serves nothing else and carries no secrets, so it needs no TLS and no token.
/// </summary>
public sealed class HealthEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HealthEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The bound address, such as <c>http://127.0.0.1:8081/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Listens on <paramref name="hostname"/> (an IP address, or a name for every interface) and <paramref name="port"/>.</summary>
    public static Task<HealthEndpoint> StartAsync(HealthCheck health, string hostname, int port) => StartAsync(health.WriteAsync, hostname, port);

    /// <summary>Serves <paramref name="write"/> as <c>GET /healthz</c> on <paramref name="hostname"/> and <paramref name="port"/>.</summary>
    public static async Task<HealthEndpoint> StartAsync(RequestDelegate write, string hostname, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{hostname}:{port}");

        var app = builder.Build();
        app.MapGet("/healthz", write);
        await app.StartAsync();

        var server = (IServer)app.Services.GetService(typeof(IServer))!;
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started but reported no bound address.");
        return new HealthEndpoint(app, new Uri(new Uri(bound), "/healthz"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
