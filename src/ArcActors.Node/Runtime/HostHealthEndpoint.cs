using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Plain-HTTP <c>GET /healthz</c> of a node with only the host role, on
/// <c>arcactors.node.management-port</c>. It carries no secrets, so it needs no TLS and no token.
/// </summary>
public sealed class HostHealthEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostHealthEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The bound address, such as <c>http://127.0.0.1:8081/healthz</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts the endpoint of <paramref name="host"/> when <paramref name="managementPort"/> is set and
    /// prints its address as "health on URL"; returns null without a port.
    /// </summary>
    public static async Task<HostHealthEndpoint?> StartIfConfiguredAsync(NodeHostRole.Started? host, int? managementPort, string hostname, TextWriter output)
    {
        if (host is null || managementPort is not { } port)
        {
            return null;
        }

        var check = new HostHealthCheck(host.Link, host.OutboxPath);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{hostname}:{port}");

        var app = builder.Build();
        app.MapGet("/healthz", check.WriteAsync);
        await app.StartAsync();

        var server = (IServer)app.Services.GetService(typeof(IServer))!;
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started but reported no bound address.");
        var endpoint = new HostHealthEndpoint(app, new Uri(new Uri(bound), "/healthz"));
        output.WriteLine($"health on {endpoint.Address}");
        return endpoint;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
