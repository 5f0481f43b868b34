using System.Net;
using System.Net.Sockets;
using Akka.Configuration;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Checks before the actor system starts that no other process listens on the node's fixed remoting
/// port. Akka's DotNetty transport binds with <c>tcp-reuse-addr</c>, which .NET turns into
/// SO_REUSEADDR and SO_REUSEPORT on Linux, so a second node on the same port would start, share the
/// port with the first and report healthy.
/// NOTE: the check closes its socket before Akka binds, so two nodes that start in the same instant
/// can both pass it.
/// </summary>
public static class RemotingPortCheck
{
    private const string Path = "akka.remote.dot-netty.tcp";

    // Linux values of SOL_SOCKET and SO_REUSEADDR, set without SO_REUSEPORT.
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    /// <summary>Throws when another process listens on the configured remoting port. Port 0, and any port on other systems than Linux, is not checked.</summary>
    /// <exception cref="NodeConfigException">The port is in use; the message names the setting and the fix.</exception>
    public static void EnsureFree(Config akka)
    {
        var setting = akka.GetInt($"{Path}.bind-port", 0) > 0 ? $"{Path}.bind-port" : $"{Path}.port";
        var port = akka.GetInt(setting, 0);
        if (port <= 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        var hostname = akka.GetString($"{Path}.bind-hostname", "") is { Length: > 0 } bindHost ? bindHost : akka.GetString($"{Path}.hostname", "");
        var address = ResolveBindAddress(hostname);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

        // SO_REUSEADDR alone still binds next to connections in TIME_WAIT from an earlier run on this port, but not next to a listener.
        socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new NodeConfigException($"remoting port {port} on {address} ({setting}) is in use by another process, "
                + "often another ArcActors node on this machine; stop that process or give this node another port.");
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new NodeConfigException($"remoting host '{hostname}' ({Path}.hostname or {Path}.bind-hostname) is {address}, "
                + "which is not an address of this machine; give an address or name of this machine, or bind-hostname = \"0.0.0.0\".");
        }
    }

    // The first IPv4 address of a host name. An empty name, or one that does not resolve, is checked on every address.
    private static IPAddress ResolveBindAddress(string hostname)
    {
        if (string.IsNullOrWhiteSpace(hostname))
        {
            return IPAddress.Any;
        }

        if (IPAddress.TryParse(hostname, out var parsed))
        {
            return parsed;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(hostname);
            return addresses.FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault() ?? IPAddress.Any;
        }
        catch (SocketException)
        {
            return IPAddress.Any;
        }
    }
}
