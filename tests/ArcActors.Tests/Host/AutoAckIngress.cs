using Akka.Actor;
using ArcActors.Contracts.Ingress;

namespace ArcActors.Tests.Host;

/// <summary>An ingress for host-agent specs: acknowledges every upload and forwards a copy to the spec's probe.</summary>
public sealed class AutoAckIngress : ReceiveActor
{
    public AutoAckIngress(IActorRef observer)
    {
        Receive<UploadInventory>(upload => AckAndReport(upload, upload.UploadId, observer));
        Receive<UploadMachine>(upload => AckAndReport(upload, upload.UploadId, observer));
        Receive<UploadUsage>(upload => AckAndReport(upload, upload.UploadId, observer));
    }

    private void AckAndReport(object upload, Guid uploadId, IActorRef observer)
    {
        Sender.Tell(new UploadAccepted(uploadId, 0));
        observer.Tell(upload);
    }
}
