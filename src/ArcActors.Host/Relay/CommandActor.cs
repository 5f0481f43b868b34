using Akka.Actor;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Host.Relay;

/// <summary>
/// Runs one job: checks that the host's license type allows its feature, then hands it to its
/// handler with a cancellation at the job's deadline, and tells its parent the outcome in a
/// <see cref="JobEnded"/>. It stops itself after that.
/// </summary>
public sealed class CommandActor : ReceiveActor
{
    private readonly JobCommand _job;
    private readonly int _attempt;
    private readonly IJobHandler _handler;
    private readonly IDiscoverySource _source;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _deadline = new();

    public CommandActor(JobCommand job, int attempt, IJobHandler handler, IDiscoverySource source, TimeProvider clock)
    {
        _job = job;
        _attempt = attempt;
        _handler = handler;
        _source = source;
        _clock = clock;

        Receive<JobOutcome>(outcome =>
        {
            Context.Parent.Tell(new JobEnded(_job.JobId, outcome));
            Context.Stop(Self);
        });
    }

    public static Props Props(JobCommand job, int attempt, IJobHandler handler, IDiscoverySource source, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new CommandActor(job, attempt, handler, source, clock));

    protected override void PreStart()
    {
        var remaining = _job.QueuedAt + _job.Timeout - _clock.GetUtcNow();
        _deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        RunAsync().PipeTo(Self);
    }

    protected override void PostStop() => _deadline.Dispose();

    private async Task<JobOutcome> RunAsync()
    {
        var token = _deadline.Token;
        try
        {
            var machine = await _source.DescribeMachineAsync(token).ConfigureAwait(false);
            if (FeatureLicensing.Rejection(_job.Kind, machine.HostName, machine.Extension.LicenseType) is { } refusal)
            {
                return JobOutcome.Failed(refusal);
            }

            return await _handler.RunAsync(new JobRun(_job, _attempt, machine), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return new JobOutcome(JobState.TimedOut,
                $"the job did not end by its deadline {_job.QueuedAt + _job.Timeout:O} (timeout {_job.Timeout} from when it was queued); the host stopped it.", "");
        }
        catch (Exception exception)
        {
            return JobOutcome.Failed($"{_job.Kind} failed on attempt {_attempt}: {exception.GetBaseException().Message}");
        }
    }

    /// <summary>Sent to the parent when the job has ended.</summary>
    public sealed record JobEnded(Guid JobId, JobOutcome Outcome) : INoSerializationVerificationNeeded;
}
