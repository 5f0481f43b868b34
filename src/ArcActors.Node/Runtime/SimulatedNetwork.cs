using Akka.Actor;
using ArcActors.Contracts.Ingress;
using ArcActors.Simulation;

namespace ArcActors.Node.Runtime;

/// <summary>
/// The link between simulated hosts and the ingress. While the fleet's timeline marks a host as
/// disconnected, its uploads fail at once with <see cref="DisconnectedCode"/>, as a host whose
/// connection is down learns from its transport; the host keeps collecting and its usage records
/// wait in the outbox until a later upload gets through.
/// </summary>
public sealed class SimulatedNetwork : ReceiveActor
{
    public const string DisconnectedCode = "HostDisconnected";

    public SimulatedNetwork(IActorRef ingress, FleetState state, TimeProvider clock)
    {
        Receive<UploadInventory>(upload => Route(upload, upload.Key.VmId, upload.UploadId));
        Receive<UploadMachine>(upload => Route(upload, upload.VmId, upload.UploadId));
        Receive<UploadUsage>(upload => Route(upload, upload.VmId, upload.UploadId));

        void Route(object upload, Guid vmId, Guid uploadId)
        {
            var now = clock.GetUtcNow();
            if (state.IsDisconnected(vmId, now))
            {
                Sender.Tell(new UploadRejected(uploadId, DisconnectedCode, $"host {vmId} cannot reach the cluster at {now:O}"));
                return;
            }

            ingress.Forward(upload);
        }
    }

    public static Props Props(IActorRef ingress, FleetState state, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new SimulatedNetwork(ingress, state, clock));
}
