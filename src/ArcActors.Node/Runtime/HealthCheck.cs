using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Http;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Computes a <see cref="HealthReport"/> for the node's actor system: its cluster member status
/// and a write and delete through the journal with a timeout. Checks run one at a time, because
/// concurrent probes would share one persistence id.
/// </summary>
public sealed class HealthCheck(ActorSystem system, bool mustBeMember, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _persistenceId = "arcactors-health-" + Cluster.Get(system).SelfAddress.ToString().Replace('/', '_').Replace(':', '_').Replace('@', '_');

    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var member = Cluster.Get(system).SelfMember.Status.ToString();
        var journal = await CheckJournalAsync(cancellationToken);
        var memberOk = !mustBeMember || member == nameof(MemberStatus.Up);
        var ok = memberOk && journal == "writable";

        return new HealthReport(ok ? HealthReport.Ok : HealthReport.Degraded, member, journal);
    }

    /// <summary>Writes the report as JSON with status 200 (ok) or 503 (degraded).</summary>
    public async Task WriteAsync(HttpContext context)
    {
        var report = await RunAsync(context.RequestAborted);
        context.Response.StatusCode = report.HttpStatus;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(JsonSerializer.Serialize(report), context.RequestAborted);
    }

    private async Task<string> CheckJournalAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        var probe = system.ActorOf(HealthJournalProbe.Props(_persistenceId));
        try
        {
            var result = await probe.Ask<HealthJournalProbe.Result>(HealthJournalProbe.Check.Instance, _timeout, cancellationToken);
            return result.Error is null ? "writable" : $"error: {result.Error}";
        }
        catch (AskTimeoutException)
        {
            probe.Tell(PoisonPill.Instance);
            return $"error: no reply from the journal within {_timeout.TotalSeconds:0} s";
        }
        finally
        {
            _gate.Release();
        }
    }
}
