using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;

namespace ArcActors.Host.Agent;

/// <summary>
/// Sends uploads to the ingress and sends each again until the ingress acknowledges or rejects
/// it. The link to the cluster may drop messages, so an upload is done only when a reply arrives.
/// The cloud side treats a repeated upload as a duplicate.
/// </summary>
public sealed class UploadChannel : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _ingress;
    private readonly HostAgentSettings _settings;
    private readonly Dictionary<Guid, Pending> _pending = new();

    public UploadChannel(IActorRef ingress, HostAgentSettings settings)
    {
        _ingress = ingress;
        _settings = settings;

        Receive<Send>(OnSend);
        Receive<UploadAccepted>(accepted => Complete(accepted.UploadId, new UploadOutcome(accepted.UploadId, true, "", "")));
        Receive<UploadRejected>(rejected =>
            Complete(rejected.UploadId, new UploadOutcome(rejected.UploadId, false, rejected.Code, rejected.Message)));
        Receive<AckTimedOut>(OnAckTimedOut);
        Receive<Cancel>(OnCancel);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef ingress, HostAgentSettings settings) =>
        Akka.Actor.Props.Create(() => new UploadChannel(ingress, settings));

    private void OnSend(Send send)
    {
        _pending[send.UploadId] = new Pending(send.Message, Sender, 1);
        _ingress.Tell(send.Message, Self);
        Timers.StartSingleTimer(send.UploadId, new AckTimedOut(send.UploadId), _settings.AckTimeout);
    }

    private void Complete(Guid uploadId, UploadOutcome outcome)
    {
        if (!_pending.Remove(uploadId, out var pending))
        {
            return; // a reply to a copy that was sent again and already acknowledged
        }

        Timers.Cancel(uploadId);
        pending.ReplyTo.Tell(outcome);
    }

    private void OnCancel(Cancel cancel)
    {
        if (_pending.Remove(cancel.UploadId))
        {
            Timers.Cancel(cancel.UploadId);
        }
    }

    private void OnAckTimedOut(AckTimedOut timeout)
    {
        if (!_pending.TryGetValue(timeout.UploadId, out var pending))
        {
            return;
        }

        var attempt = pending.Attempt + 1;
        _pending[timeout.UploadId] = pending with { Attempt = attempt };
        var delay = Backoff.Delay(attempt, _settings.AckTimeout, _settings.MaxRetryDelay);
        if (attempt == 3 || attempt % 20 == 0)
        {
            _log.Warning("upload {0} ({1}) not acknowledged after {2} attempts, sending again; next wait {3}",
                timeout.UploadId, pending.Message.GetType().Name, attempt - 1, delay);
        }

        _ingress.Tell(pending.Message, Self);
        Timers.StartSingleTimer(timeout.UploadId, new AckTimedOut(timeout.UploadId), delay);
    }

    /// <summary>Sends <see cref="Message"/>; the sender gets one <see cref="UploadOutcome"/>.</summary>
    public sealed record Send(Guid UploadId, IArcActorsMessage Message) : INoSerializationVerificationNeeded;

    /// <summary>
    /// Stops sending an upload that a newer one replaces. No <see cref="UploadOutcome"/> follows, and a
    /// late reply to a copy already sent is dropped.
    /// </summary>
    public sealed record Cancel(Guid UploadId) : INoSerializationVerificationNeeded;

    public sealed record UploadOutcome(Guid UploadId, bool Accepted, string Code, string Message) : INoSerializationVerificationNeeded;

    private sealed record Pending(IArcActorsMessage Message, IActorRef ReplyTo, int Attempt);

    private sealed record AckTimedOut(Guid UploadId) : INoSerializationVerificationNeeded;
}
