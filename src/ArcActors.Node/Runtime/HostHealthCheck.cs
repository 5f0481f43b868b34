using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using ArcActors.Host.Link;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Health of a node with only the host role, which is no cluster member and has no journal: whether
/// the cluster answers its uploads (from the host link) and whether the usage outbox file accepts writes.
/// </summary>
public sealed class HostHealthCheck(IActorRef link, string outboxPath, TimeSpan? timeout = null)
{
    /// <summary>
    /// How long uploads may wait without any reply before the cluster counts as out of reach. It is
    /// longer than the host agent's 10-second acknowledgement timeout, so one lost reply is not enough.
    /// </summary>
    public static readonly TimeSpan ReplyWindow = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(5);

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var cluster = await CheckClusterAsync(cancellationToken);
        var outbox = CheckOutbox();
        var ok = cluster.StartsWith("acknowledged", StringComparison.Ordinal) && outbox == "writable";
        return new Report(ok ? HealthReport.Ok : HealthReport.Degraded, NodeRoles.Host, cluster, outbox);
    }

    /// <summary>Writes the report as JSON with status 200 (ok) or 503 (degraded).</summary>
    public async Task WriteAsync(HttpContext context)
    {
        var report = await RunAsync(context.RequestAborted);
        context.Response.StatusCode = report.Status == HealthReport.Ok ? 200 : 503;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(JsonSerializer.Serialize(report), context.RequestAborted);
    }

    private async Task<string> CheckClusterAsync(CancellationToken cancellationToken)
    {
        HostLink.LinkStatus status;
        try
        {
            status = await link.Ask<HostLink.LinkStatus>(HostLink.GetLinkStatus.Instance, _timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return $"error: no reply from the host link within {_timeout.TotalSeconds:0} s";
        }

        if (status.LastReplyAt is not { } last)
        {
            return status.PendingRoutes == 0 ? "no upload yet" : $"no reply yet; {status.PendingRoutes} uploads wait";
        }

        var age = DateTimeOffset.UtcNow - last;
        return status.PendingRoutes > 0 && age > ReplyWindow
            ? $"no reply for {age.TotalSeconds:0} s; {status.PendingRoutes} uploads wait"
            : $"acknowledged {age.TotalSeconds:0} s ago";
    }

    // BEGIN IMMEDIATE takes SQLite's write lock, which proves the file and its folder accept writes, and the rollback changes nothing.
    private string CheckOutbox()
    {
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = outboxPath, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 5 }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            command.ExecuteNonQuery();
            return "writable";
        }
        catch (SqliteException exception)
        {
            return $"error: {exception.Message}";
        }
    }

    /// <summary>Body of <c>GET /healthz</c> on a host node.</summary>
    public sealed record Report(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("cluster")] string Cluster,
        [property: JsonPropertyName("outbox")] string Outbox);
}
