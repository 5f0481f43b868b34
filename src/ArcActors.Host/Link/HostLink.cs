using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Event;
using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Host.Link;

/// <summary>
/// The ingress of the host agents on a host node that is not a cluster member. It wraps each upload
/// in an <see cref="AuthenticatedUpload"/> with the host's enrollment key, sends it through
/// <see cref="ClusterClient"/> to the ingress at <see cref="IngressPath"/> on the cluster, and sends
/// each reply (<see cref="UploadAccepted"/> or <see cref="UploadRejected"/>) to the actor that sent
/// the upload. The link keeps no copies and never retries: the sender (an UploadChannel) sends every
/// upload again until a reply arrives, and each copy refreshes its route. A route expires after
/// <c>routeExpiry</c> without a new copy, and a reply that arrives later is dropped, so the next
/// copy gets a new reply.
/// </summary>
public sealed class HostLink : ReceiveActor, IWithTimers
{
    /// <summary>Path of the ingress on the cluster nodes, as registered with the ClusterClientReceptionist.</summary>
    public const string IngressPath = "/user/ingress";

    /// <summary>Default route lifetime: longer than the five-minute maximum delay between two copies of one upload.</summary>
    public static readonly TimeSpan DefaultRouteExpiry = TimeSpan.FromMinutes(10);

    private const string PurgeTimer = "purge-expired-routes";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _clusterClient;
    private readonly HostCredentials _credentials;
    private readonly TimeSpan _routeExpiry;
    private readonly TimeProvider _clock;
    private readonly Dictionary<Guid, Route> _routes = new();
    private long _unroutedReplies;
    private DateTimeOffset? _lastReplyAt;
    private DateTimeOffset? _lastAcceptedAt;
    private Rejection? _lastRejection;

    public HostLink(IActorRef clusterClient, HostCredentials credentials, TimeSpan routeExpiry, TimeProvider clock)
    {
        if (routeExpiry <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(routeExpiry), routeExpiry, "the route expiry must be positive, for example 10 minutes.");
        }

        _clusterClient = clusterClient;
        _credentials = credentials;
        _routeExpiry = routeExpiry;
        _clock = clock;

        Receive<UploadInventory>(upload => Send(upload, upload.UploadId));
        Receive<UploadMachine>(upload => Send(upload, upload.UploadId));
        Receive<UploadUsage>(upload => Send(upload, upload.UploadId));
        Receive<PullJobs>(pull => Send(pull, pull.RequestId));
        Receive<ReportJob>(report => Send(report, report.ReportId));
        Receive<JobsDelivery>(delivery => Deliver(delivery.RequestId, delivery));
        Receive<JobReportAccepted>(accepted => Deliver(accepted.ReportId, accepted));
        Receive<UploadAccepted>(accepted => Deliver(accepted.UploadId, accepted));
        Receive<UploadRejected>(rejected => Deliver(rejected.UploadId, rejected));
        Receive<PurgeExpiredRoutes>(_ => Purge());
        Receive<GetPendingRoutes>(_ => Sender.Tell(new PendingRoutes(_routes.Count)));
        Receive<GetLinkStatus>(_ => Sender.Tell(Status()));
        Receive<Terminated>(terminated => OnClientStopped(terminated.ActorRef));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="clusterClient">A <see cref="ClusterClient"/> whose initial contacts are the receptionists of the cloud nodes.</param>
    /// <param name="routeExpiry">How long a route waits for a reply after the last copy of its upload; default <see cref="DefaultRouteExpiry"/>.</param>
    /// <param name="clock">Time source of the expiry; default <see cref="TimeProvider.System"/>.</param>
    public static Props Props(IActorRef clusterClient, HostCredentials credentials, TimeSpan? routeExpiry = null, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new HostLink(clusterClient, credentials, routeExpiry ?? DefaultRouteExpiry, clock ?? TimeProvider.System));

    protected override void PreStart()
    {
        Context.Watch(_clusterClient);
        var interval = TimeSpan.FromTicks(Math.Max(_routeExpiry.Ticks / 4, TimeSpan.FromSeconds(1).Ticks));
        Timers.StartPeriodicTimer(PurgeTimer, PurgeExpiredRoutes.Instance, interval);
    }

    private void Send(IArcActorsMessage upload, Guid uploadId)
    {
        _routes[uploadId] = new Route(Sender, _clock.GetUtcNow() + _routeExpiry);
        var wrapped = AuthenticatedUpload.Wrap(_credentials.HostKeyId, _credentials.Key, upload);
        // With local affinity the ingress on the receptionist's own node takes the upload, which saves one remoting hop.
        // Each cluster client picks its receptionist among the contacts, so the hosts still spread over the nodes.
        _clusterClient.Tell(new ClusterClient.Send(IngressPath, wrapped, localAffinity: true), Self);
    }

    private void Deliver(Guid uploadId, IArcActorsMessage reply)
    {
        _lastReplyAt = _clock.GetUtcNow();
        RecordOutcome(reply, _lastReplyAt.Value);
        if (!_routes.Remove(uploadId, out var route))
        {
            // A reply to an earlier copy that was already routed, or one that came after its route expired.
            _unroutedReplies++;
            _log.Debug("upload {0}: {1} has no route (expired, or an earlier copy was already replied to); dropped, {2} so far", uploadId, reply.GetType().Name,
                _unroutedReplies);
            return;
        }

        route.ReplyTo.Tell(reply, Self);
    }

    // A rejection counts until a later reply accepts something, so a host whose key is rejected never reads as acknowledged.
    private void RecordOutcome(IArcActorsMessage reply, DateTimeOffset at)
    {
        if (reply is UploadRejected rejected)
        {
            _lastRejection = new Rejection(rejected.Code, rejected.Message, at);
            return;
        }

        _lastAcceptedAt = at;
        _lastRejection = null;
    }

    private LinkStatus Status() => new(_lastReplyAt, _routes.Count, _lastAcceptedAt, _lastRejection);

    private void Purge()
    {
        var now = _clock.GetUtcNow();
        var expired = _routes.Where(pair => pair.Value.ExpiresAt <= now).Select(pair => pair.Key).ToList();
        foreach (var uploadId in expired)
        {
            _routes.Remove(uploadId);
        }

        if (expired.Count > 0)
        {
            _log.Info("{0} upload routes expired without a reply; their senders send them again, {1} routes remain", expired.Count, _routes.Count);
        }
    }

    // NOTE: with reconnect-timeout = off (the default) the cluster client never stops itself, so this runs only on shutdown or a bug.
    private void OnClientStopped(IActorRef client)
    {
        _log.Error("cluster client {0} stopped; uploads cannot reach the cluster until the host node restarts", client.Path);
    }

    /// <summary>Removes the routes that have expired. The link's own timer sends it; tests may send it too.</summary>
    public sealed record PurgeExpiredRoutes : INoSerializationVerificationNeeded
    {
        public static readonly PurgeExpiredRoutes Instance = new();
    }

    /// <summary>Asks how many uploads wait for a reply; the reply is <see cref="PendingRoutes"/>.</summary>
    public sealed record GetPendingRoutes : INoSerializationVerificationNeeded
    {
        public static readonly GetPendingRoutes Instance = new();
    }

    public sealed record PendingRoutes(int Count) : INoSerializationVerificationNeeded;

    /// <summary>Asks whether the cluster replies; the reply is <see cref="LinkStatus"/>.</summary>
    public sealed record GetLinkStatus : INoSerializationVerificationNeeded
    {
        public static readonly GetLinkStatus Instance = new();
    }

    /// <summary>
    /// The link's contact with the cluster: when the last reply (acceptance or rejection) arrived by the
    /// link's clock, null before the first, and how many uploads wait for a reply now.
    /// </summary>
    /// <param name="LastAcceptedAt">When the last reply that was not an <see cref="UploadRejected"/> arrived, or null before the first.</param>
    /// <param name="LastRejection">The latest reply when it was an <see cref="UploadRejected"/>, else null.</param>
    public sealed record LinkStatus(DateTimeOffset? LastReplyAt, int PendingRoutes, DateTimeOffset? LastAcceptedAt = null, Rejection? LastRejection = null)
        : INoSerializationVerificationNeeded;

    /// <summary>An <see cref="UploadRejected"/> reply: its ARM-style error code, its message and when it arrived.</summary>
    public sealed record Rejection(string Code, string Message, DateTimeOffset At) : INoSerializationVerificationNeeded;

    private sealed record Route(IActorRef ReplyTo, DateTimeOffset ExpiresAt);
}
