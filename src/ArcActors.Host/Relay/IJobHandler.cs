namespace ArcActors.Host.Relay;

/// <summary>
/// Runs the jobs of one kind on the host. A job can reach a handler again after a crash
/// (<see cref="JobRun.Attempt"/> above 1), so a handler whose work must happen once checks whether an
/// earlier attempt already did it, for example in msdb's backup history.
/// </summary>
public interface IJobHandler
{
    /// <summary>Runs the job until it ends or <paramref name="cancellationToken"/> fires at the job's deadline.</summary>
    Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken);
}
