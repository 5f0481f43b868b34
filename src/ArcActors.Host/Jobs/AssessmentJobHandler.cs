using System.Text.Json;
using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Assessment;
using ArcActors.Host.Relay;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Runs the best practices assessment on the job's instance: it reads the instance and each database
/// it can read through discovery, applies <see cref="BestPracticesAssessor"/>, and returns the report in
/// JSON as the job's result. Reading changes nothing, so a repeated run is harmless.
/// </summary>
public sealed class AssessmentJobHandler(IDiscoverySource source, TimeProvider clock) : IJobHandler
{
    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var location = await InstanceLookup.LocateAsync(source, run.Machine.HostName, run.Job.InstanceName, cancellationToken).ConfigureAwait(false);
        var instance = await InstanceLookup.ProbeAsync(source, location, cancellationToken).ConfigureAwait(false);
        var databases = new List<DatabaseSnapshot>(instance.Databases.Count);
        foreach (var entry in instance.Databases)
        {
            databases.Add(await ProbeAsync(location, entry, cancellationToken).ConfigureAwait(false));
        }

        var report = BestPracticesAssessor.Assess(instance, databases, clock.GetUtcNow());
        var high = report.Findings.Count(finding => finding.Severity == AssessmentSeverity.High);
        return JobOutcome.Succeeded(
            $"{report.RuleCount} rules checked on '{instance.InstanceName}': {report.Findings.Count} findings, {high} of high severity.",
            JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
    }

    // A database that cannot be read is assessed as unreadable (the rules skip it) rather than failing the whole assessment.
    private async Task<DatabaseSnapshot> ProbeAsync(InstanceLocation location, DatabaseEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ProbeDatabaseAsync(location, entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new DatabaseSnapshot { Name = entry.Name, State = entry.State, ProbeError = exception.GetBaseException().Message };
        }
    }
}
