using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Jobs;
using ArcActors.Contracts.Subscriptions;
using ArcActors.Dps.Subscriptions;

namespace ArcActors.Dps.Ingress;

/// <summary>
/// Entry point of every upload from the hosts. It validates the upload and forwards it to the
/// owning entity, which acknowledges to the host once its events are stored. An invalid upload
/// is rejected at once with a message that names the bad value, and instance inventory for a
/// subscription that has not registered Microsoft.AzureArcData is rejected with SubscriptionNotRegistered.
/// An <see cref="AuthenticatedUpload"/> is forwarded only when its enrollment key is valid and enrolled
/// for the machine the upload names; plain uploads are accepted only while
/// <see cref="RequireEnrollmentSetting"/> is off (the embedded node, where hosts run in this process).
/// Anything else is rejected with <see cref="HostNotAuthorizedCode"/>.
/// </summary>
public sealed class IngressActor : ReceiveActor
{
    /// <summary>HOCON setting: when on, only uploads wrapped in <see cref="AuthenticatedUpload"/> are accepted. Off when missing.</summary>
    public const string RequireEnrollmentSetting = "arcactors.ingress.require-enrollment";

    /// <summary>HOCON setting: path of the <see cref="EnrollmentStore"/> file; without it every authenticated upload is rejected.</summary>
    public const string EnrollmentFileSetting = "arcactors.ingress.enrollment-file";

    /// <summary>
    /// HOCON setting: <c>file</c> (the default) reads <see cref="EnrollmentFileSetting"/>; <c>journal</c>
    /// reads the <see cref="PostgresEnrollmentStore"/> in the PostgreSQL database of the journal.
    /// </summary>
    public const string EnrollmentStoreSetting = "arcactors.ingress.enrollment-store";

    /// <summary>Error code of an upload whose host has no valid enrollment key for the upload's machine.</summary>
    public const string HostNotAuthorizedCode = "HostNotAuthorized";

    private const int MaxLoggedHostRejections = 10_000;

    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _instances;
    private readonly IActorRef _subscriptions;
    private readonly Dictionary<string, ProviderRegistrations> _registrations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<(UploadInventory Upload, IActorRef Sender)>> _waiting = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<(string, long)> _loggedRejections = [];
    private readonly IActorRef _machines;
    private readonly IActorRef _relay;
    private readonly IEnrollmentStore? _enrollments;
    private readonly bool _requireEnrollment;
    private readonly HashSet<(string HostKeyId, Guid VmId, string Reason)> _loggedHostRejections = [];
    private long _unloggedHostRejections;

    public IngressActor(IActorRef instances, IActorRef machines, IActorRef subscriptions)
        : this(instances, machines, subscriptions, null, null, ActorRefs.Nobody)
    {
    }

    public IngressActor(IActorRef instances, IActorRef machines, IActorRef subscriptions, IActorRef relay)
        : this(instances, machines, subscriptions, null, null, relay)
    {
    }

    public IngressActor(IActorRef instances, IActorRef machines, IActorRef subscriptions, IEnrollmentStore? enrollments, bool? requireEnrollment)
        : this(instances, machines, subscriptions, enrollments, requireEnrollment, ActorRefs.Nobody)
    {
    }

    /// <param name="enrollments">The enrollment store, or null to open the one <see cref="EnrollmentStoreSetting"/> names, if any.</param>
    /// <param name="requireEnrollment">Whether plain uploads are rejected, or null to read <see cref="RequireEnrollmentSetting"/>.</param>
    /// <param name="relay">The shard region of the hosts' relay queues, which job pulls and reports go to.</param>
    public IngressActor(IActorRef instances, IActorRef machines, IActorRef subscriptions, IEnrollmentStore? enrollments, bool? requireEnrollment, IActorRef relay)
    {
        _instances = instances;
        _relay = relay;
        _machines = machines;
        _subscriptions = subscriptions;
        var config = Context.System.Settings.Config;
        _requireEnrollment = requireEnrollment ?? config.GetBoolean(RequireEnrollmentSetting, false);
        _enrollments = enrollments ?? OpenEnrollments(config);

        Receive<UploadInventory>(upload => AcceptPlain(upload));
        Receive<UploadMachine>(upload => AcceptPlain(upload));
        Receive<UploadUsage>(upload => AcceptPlain(upload));
        Receive<PullJobs>(pull => AcceptPlain(pull));
        Receive<ReportJob>(report => AcceptPlain(report));
        Receive<AuthenticatedUpload>(OnAuthenticated);
        Receive<ProviderRegistrations>(OnRegistrations);
        Receive<LookupFailed>(OnLookupFailed);
        Receive<SubscribeAck>(_ => { });
    }

    /// <summary>Reads <see cref="RequireEnrollmentSetting"/> and <see cref="EnrollmentFileSetting"/> from the actor system's configuration.</summary>
    public static Props Props(IActorRef instances, IActorRef machines, IActorRef subscriptions) =>
        Akka.Actor.Props.Create(() => new IngressActor(instances, machines, subscriptions));

    /// <summary>As <see cref="Props(IActorRef, IActorRef, IActorRef)"/>, with the relay region that job pulls and reports go to.</summary>
    public static Props Props(IActorRef instances, IActorRef machines, IActorRef subscriptions, IActorRef relay) =>
        Akka.Actor.Props.Create(() => new IngressActor(instances, machines, subscriptions, relay));

    /// <summary>Uses <paramref name="enrollments"/> and <paramref name="requireEnrollment"/> instead of the configuration.</summary>
    public static Props Props(IActorRef instances, IActorRef machines, IActorRef subscriptions, IEnrollmentStore enrollments, bool requireEnrollment) =>
        Akka.Actor.Props.Create(() => new IngressActor(instances, machines, subscriptions, enrollments, requireEnrollment));

    /// <summary>Opens the store that <see cref="EnrollmentStoreSetting"/> names, or null when none is configured.</summary>
    /// <exception cref="Akka.Configuration.ConfigurationException">The setting has a value other than file or journal, or journal lacks a connection string.</exception>
    public static IEnrollmentStore? OpenEnrollments(Akka.Configuration.Config config)
    {
        var kind = config.GetString(EnrollmentStoreSetting, "file");
        if (string.Equals(kind, "journal", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = config.GetString("akka.persistence.journal.sql.connection-string", "");
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new Akka.Configuration.ConfigurationException(
                    $"{EnrollmentStoreSetting} = journal, but akka.persistence.journal.sql.connection-string is empty; give the journal's PostgreSQL connection string.")
                : new PostgresEnrollmentStore(connectionString);
        }

        if (!string.Equals(kind, "file", StringComparison.OrdinalIgnoreCase))
        {
            throw new Akka.Configuration.ConfigurationException($"{EnrollmentStoreSetting} = '{kind}' is not a store; use file or journal.");
        }

        var file = config.GetString(EnrollmentFileSetting, "");
        return string.IsNullOrWhiteSpace(file) ? null : new EnrollmentStore(file);
    }

    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(SubscriptionEntity.Topic, Self));

    private void AcceptPlain(IArcActorsMessage upload)
    {
        if (!_requireEnrollment)
        {
            Dispatch(upload);
            return;
        }

        var (uploadId, vmId) = Identify(upload);
        RejectHost(uploadId, "(none)", vmId,
            $"this ingress accepts only enrolled hosts ({RequireEnrollmentSetting} = on), and the upload carries no enrollment key");
    }

    private void OnAuthenticated(AuthenticatedUpload authenticated)
    {
        var upload = authenticated.Upload;
        if (upload is null)
        {
            _log.Warning("authenticated upload from host key {0} carries no upload; rejected", authenticated.HostKeyId);
            Sender.Tell(new UploadRejected(Guid.Empty, "InvalidUpload",
                "the authenticated upload carries no inventory, machine or usage upload; set exactly one of them."));
            return;
        }

        var (uploadId, vmId) = Identify(upload);
        if (_enrollments is null)
        {
            RejectHost(uploadId, authenticated.HostKeyId, vmId, $"this ingress has no enrollment store ({EnrollmentFileSetting} is not set and {EnrollmentStoreSetting} is not journal)");
            return;
        }

        string? error;
        try
        {
            error = _enrollments.AuthorizationError(authenticated.HostKeyId, authenticated.Key, vmId);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // No reply: the host sends the upload again, and it is checked again once the store can be read.
            _log.Error(exception, "upload {0} from host key {1}: reading the enrollment store failed; the host will send it again", uploadId,
                authenticated.HostKeyId);
            return;
        }

        if (error is not null)
        {
            RejectHost(uploadId, authenticated.HostKeyId, vmId, error);
            return;
        }

        Dispatch(upload);
    }

    private void Dispatch(IArcActorsMessage upload)
    {
        switch (upload)
        {
            case UploadInventory inventory:
                OnInventory(inventory);
                break;
            case UploadMachine machine:
                ForwardIfValid(machine, machine.UploadId, _machines);
                break;
            case UploadUsage usage:
                ForwardIfValid(usage, usage.UploadId, _machines);
                break;
            case PullJobs or ReportJob:
                _relay.Forward(upload);
                break;
        }
    }

    // Null checks guard against JSON that leaves a required field out.
    private static (Guid UploadId, Guid VmId) Identify(IArcActorsMessage upload) => upload switch
    {
        UploadInventory inventory => (inventory.UploadId, inventory.Key?.VmId ?? Guid.Empty),
        UploadMachine machine => (machine.UploadId, machine.Machine is null ? Guid.Empty : machine.VmId),
        UploadUsage usage => (usage.UploadId, usage.VmId),
        PullJobs pull => (pull.RequestId, pull.VmId),
        ReportJob report => (report.ReportId, report.VmId),
        _ => (Guid.Empty, Guid.Empty),
    };

    private void RejectHost(Guid uploadId, string hostKeyId, Guid vmId, string reason)
    {
        LogHostRejection(hostKeyId, vmId, reason);
        Sender.Tell(new UploadRejected(uploadId, HostNotAuthorizedCode,
            $"host key '{hostKeyId}' is not authorized to upload for machine {vmId}: {reason}. "
            + $"Enroll the machine with 'arcactors host enroll --machine {vmId} --config DPS-NODE-FILE' (the node file of a dps node of the cluster; "
            + "'--data DIR' in place of --config for a single node with SQLite) and give the host the printed key."));
    }

    // Logs each (key id, machine, reason) once; a host retries its uploads, so repeats would flood the log.
    private void LogHostRejection(string hostKeyId, Guid vmId, string reason)
    {
        if (_loggedHostRejections.Contains((hostKeyId, vmId, reason)))
        {
            return;
        }

        if (_loggedHostRejections.Count >= MaxLoggedHostRejections)
        {
            _unloggedHostRejections++;
            if (_unloggedHostRejections % MaxLoggedHostRejections == 1)
            {
                _log.Warning("{0} host rejections not logged since {1} distinct ones were logged", _unloggedHostRejections, MaxLoggedHostRejections);
            }

            return;
        }

        _loggedHostRejections.Add((hostKeyId, vmId, reason));
        _log.Warning("host key {0} from {1}: upload for machine {2} rejected with {3}: {4}", hostKeyId, Sender.Path, vmId,
            HostNotAuthorizedCode, reason);
    }

    private void ForwardIfValid(object upload, Guid uploadId, IActorRef region)
    {
        if (Reject(upload, uploadId))
        {
            return;
        }

        region.Forward(upload);
    }

    private bool Reject(object upload, Guid uploadId)
    {
        var error = UploadValidator.Validate(upload);
        if (error is null)
        {
            return false;
        }

        _log.Warning("upload {0} from {1} rejected: {2}", uploadId, Sender.Path, error);
        Sender.Tell(new UploadRejected(uploadId, "InvalidUpload", error));
        return true;
    }

    private void OnInventory(UploadInventory upload)
    {
        if (Reject(upload, upload.UploadId))
        {
            return;
        }

        var subscription = Providers.NormalizeSubscription(upload.Scope.SubscriptionId);
        if (_registrations.TryGetValue(subscription, out var known))
        {
            Decide(upload, Sender, known);
            return;
        }

        if (!_waiting.TryGetValue(subscription, out var waiting))
        {
            waiting = [];
            _waiting[subscription] = waiting;
            _subscriptions.Ask<ProviderRegistrations>(new GetProviderRegistrations(subscription), LookupTimeout)
                .PipeTo(Self, failure: exception => new LookupFailed(subscription, exception.Message));
        }

        waiting.Add((upload, Sender));
    }

    private void OnRegistrations(ProviderRegistrations state)
    {
        if (!_registrations.TryGetValue(state.SubscriptionId, out var known) || known.Version < state.Version)
        {
            _registrations[state.SubscriptionId] = state;
            known = state;
        }

        if (_waiting.Remove(state.SubscriptionId, out var waiting))
        {
            foreach (var (upload, sender) in waiting)
            {
                Decide(upload, sender, known);
            }
        }
    }

    // The hosts send unacknowledged uploads again, so dropping them here loses nothing.
    private void OnLookupFailed(LookupFailed failed)
    {
        if (_waiting.Remove(failed.SubscriptionId, out var waiting))
        {
            _log.Warning("subscription {0}: reading its provider registrations failed ({1}); {2} uploads wait for the hosts to send them again",
                failed.SubscriptionId, failed.Error, waiting.Count);
        }
    }

    private void Decide(UploadInventory upload, IActorRef sender, ProviderRegistrations registrations)
    {
        if (registrations.IsRegistered(Providers.ArcData))
        {
            _instances.Tell(upload, sender);
            return;
        }

        var message = $"The subscription '{registrations.SubscriptionId}' is not registered to use namespace '{Providers.ArcData}', "
            + $"so the inventory of instance '{upload.Key.InstanceName}' on host '{upload.HostName}' was not stored. "
            + $"Register it with POST /subscriptions/{registrations.SubscriptionId}/providers/{Providers.ArcData}/register; the next inventory cycle then creates the resources.";
        if (_loggedRejections.Add((registrations.SubscriptionId, registrations.Version)))
        {
            _log.Warning("subscription {0}: inventory rejected with {1} until {2} is registered", registrations.SubscriptionId,
                Providers.NotRegisteredCode, Providers.ArcData);
        }

        sender.Tell(new UploadRejected(upload.UploadId, Providers.NotRegisteredCode, message));
    }

    private sealed record LookupFailed(string SubscriptionId, string Error);
}
