using System.Net;
using System.Security.Cryptography.X509Certificates;
using ArcActors.ReadModel;
using Microsoft.Extensions.Logging;

namespace ArcActors.Arm;

/// <summary>Settings of the ARM-compatible HTTPS API.</summary>
public sealed record ArmApiOptions
{
    /// <summary>An open read store to serve. When null, the API opens <see cref="ReadStorePath"/> and disposes it on stop.</summary>
    public ReadStore? Store { get; init; }

    /// <summary>Path of the read store's SQLite file, used when <see cref="Store"/> is null.</summary>
    public string? ReadStorePath { get; init; }

    /// <summary>Address Kestrel listens on.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port. With 0 the operating system picks a free port, which <see cref="ArmApi.Port"/> then returns.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Server certificate with its private key. When null, a self-signed certificate for localhost and
    /// 127.0.0.1 is created in <see cref="DataFolder"/> once and loaded from there on later starts.
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Folder for the generated certificate, required when <see cref="Certificate"/> is null.</summary>
    public string? DataFolder { get; init; }

    /// <summary>Resources per list page when the request has no <c>$top</c>.</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Maximum page size. A larger <c>$top</c> is lowered to this value.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>
    /// Logger factory for request errors and writes. When null, the API writes warnings and errors
    /// (such as a request that failed because the read store is unavailable) to standard error, one line each.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Checks bearer tokens and RBAC on every request. When null, the API accepts every request as
    /// "anonymous", which only tests over a private read store should do.
    /// </summary>
    public Auth.ArmAuthorizer? Authorizer { get; init; }

    /// <summary>The cloud side's entities, for writes and provider registration. When null, the API is read-only.</summary>
    public IArmCommands? Commands { get; init; }

    /// <summary>Clock for the activity log's default time range; the system clock when null.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Locations listed for every resource type in the provider documents.</summary>
    public IReadOnlyList<string> Locations { get; init; } = [];
}
