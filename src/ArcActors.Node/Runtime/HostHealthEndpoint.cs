namespace ArcActors.Node.Runtime;

/// <summary>
/// The plain-HTTP <c>GET /healthz</c> of a node with only the host role, on
/// <c>arcactors.node.management-port</c>. It carries no secrets, so it needs no TLS and no token.
/// </summary>
public static class HostHealthEndpoint
{
    /// <summary>
    /// Starts the endpoint of <paramref name="host"/> when <paramref name="managementPort"/> is set and
    /// prints its address as "health on URL"; returns null without a port.
    /// </summary>
    public static async Task<HealthEndpoint?> StartIfConfiguredAsync(NodeHostRole.Started? host, int? managementPort, string hostname, TextWriter output)
    {
        if (host is null || managementPort is not { } port)
        {
            return null;
        }

        var check = new HostHealthCheck(host.Link, host.OutboxPath);
        var endpoint = await HealthEndpoint.StartAsync(check.WriteAsync, hostname, port);
        output.WriteLine($"health on {endpoint.Address}");
        return endpoint;
    }
}
