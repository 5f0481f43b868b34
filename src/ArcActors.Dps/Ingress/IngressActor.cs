using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Subscriptions;
using ArcActors.Dps.Subscriptions;

namespace ArcActors.Dps.Ingress;

/// <summary>
/// Entry point of every upload from the hosts. It validates the upload and forwards it to the
/// owning entity, which acknowledges to the host once its events are stored. An invalid upload
/// is rejected at once with a message that names the bad value, and instance inventory for a
/// subscription that has not registered Microsoft.AzureArcData is rejected with SubscriptionNotRegistered.
/// </summary>
public sealed class IngressActor : ReceiveActor
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _instances;
    private readonly IActorRef _subscriptions;
    private readonly Dictionary<string, ProviderRegistrations> _registrations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<(UploadInventory Upload, IActorRef Sender)>> _waiting = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<(string, long)> _loggedRejections = [];

    public IngressActor(IActorRef instances, IActorRef machines, IActorRef subscriptions)
    {
        _instances = instances;
        _subscriptions = subscriptions;
        Receive<UploadInventory>(OnInventory);
        Receive<UploadMachine>(upload => ForwardIfValid(upload, upload.UploadId, machines));
        Receive<UploadUsage>(upload => ForwardIfValid(upload, upload.UploadId, machines));
        Receive<ProviderRegistrations>(OnRegistrations);
        Receive<LookupFailed>(OnLookupFailed);
        Receive<SubscribeAck>(_ => { });
    }

    public static Props Props(IActorRef instances, IActorRef machines, IActorRef subscriptions) =>
        Akka.Actor.Props.Create(() => new IngressActor(instances, machines, subscriptions));

    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(SubscriptionEntity.Topic, Self));

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
