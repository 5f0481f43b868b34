using Akka.Actor;
using ArcActors.Contracts;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Agent;

/// <summary>One availability group as reported by the local replica; owns change detection for it.</summary>
public sealed class AvailabilityGroupActor : ReceiveActor
{
    private AvailabilityGroupSnapshot? _last;

    public AvailabilityGroupActor()
    {
        Receive<ObserveAvailabilityGroup>(observe =>
        {
            var changed = _last is null || !SnapshotEquality.AreEqual(_last, observe.Snapshot);
            _last = observe.Snapshot;
            Sender.Tell(new AvailabilityGroupObserved(observe.Snapshot.Name, changed));
        });
    }
}
