using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Subscriptions;

namespace ArcActors.Dps.Subscriptions;

/// <summary>
/// Event-sourced entity of one subscription: which resource provider namespaces it has registered.
/// Every change is published on <see cref="Topic"/>, so ingress caches update at once.
/// </summary>
public sealed class SubscriptionEntity : ReceivePersistentActor
{
    /// <summary>Distributed pub-sub topic that carries every new <see cref="ProviderRegistrations"/>.</summary>
    public const string Topic = "provider-registrations";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _subscriptionId;
    private readonly SortedSet<string> _registered = new(StringComparer.OrdinalIgnoreCase);

    public SubscriptionEntity(string entityId)
    {
        _subscriptionId = entityId;
        PersistenceId = $"subscription-{entityId}";

        Recover<ProviderRegistrationChanged>(Apply);
        Command<GetProviderRegistrations>(_ => Sender.Tell(State()));
        Command<SetProviderRegistration>(OnSet);
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId) => Akka.Actor.Props.Create(() => new SubscriptionEntity(entityId));

    private void OnSet(SetProviderRegistration request)
    {
        if (_registered.Contains(request.Namespace) == request.Registered)
        {
            Sender.Tell(State());
            return;
        }

        var changed = new ProviderRegistrationChanged(_subscriptionId, request.Namespace, request.Registered, request.At, request.Caller);
        var replyTo = Sender;
        Persist(new Tagged(changed, [EventTags.Subscriptions]), _ =>
        {
            Apply(changed);
            _log.Info("subscription {0}: {1} {2} by {3}", _subscriptionId, request.Namespace,
                request.Registered ? "registered" : "unregistered", request.Caller);
            var state = State();
            DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(Topic, state));
            replyTo.Tell(state);
        });
    }

    private void Apply(ProviderRegistrationChanged changed)
    {
        if (changed.Registered)
        {
            _registered.Add(changed.Namespace);
        }
        else
        {
            _registered.Remove(changed.Namespace);
        }
    }

    private ProviderRegistrations State() => new(_subscriptionId, LastSequenceNr, _registered.ToList());

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "{0}: could not persist event {1}; the entity stops and the caller may retry", PersistenceId, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
