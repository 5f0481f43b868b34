using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Ingress;

namespace ArcActors.Dps.Ingress;

/// <summary>
/// Entry point of every upload from the hosts. It validates the upload and forwards it to the
/// owning entity, which acknowledges to the host once its events are stored. An invalid upload
/// is rejected at once with a message that names the bad value.
/// </summary>
public sealed class IngressActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public IngressActor(IActorRef instances, IActorRef machines)
    {
        Receive<UploadInventory>(upload => ForwardIfValid(upload, upload.UploadId, instances));
        Receive<UploadMachine>(upload => ForwardIfValid(upload, upload.UploadId, machines));
        Receive<UploadUsage>(upload => ForwardIfValid(upload, upload.UploadId, machines));
    }

    public static Props Props(IActorRef instances, IActorRef machines) =>
        Akka.Actor.Props.Create(() => new IngressActor(instances, machines));

    private void ForwardIfValid(object upload, Guid uploadId, IActorRef region)
    {
        var error = UploadValidator.Validate(upload);
        if (error is not null)
        {
            _log.Warning("upload {0} from {1} rejected: {2}", uploadId, Sender.Path, error);
            Sender.Tell(new UploadRejected(uploadId, "InvalidUpload", error));
            return;
        }

        region.Forward(upload);
    }
}
