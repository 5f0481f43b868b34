using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using ArcActors.Dps.Ingress;
using ArcActors.Host.Link;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Health of a node with only the host role, which is no cluster member and has no journal: whether
/// the cluster accepts its uploads (from the host link) and whether the usage outbox file accepts writes.
/// A host whose latest reply was an <see cref="Contracts.Ingress.UploadRejected"/>, such as
/// <c>HostNotAuthorized</c> for a key enrolled for another machine, is degraded until a later upload is accepted.
/// </summary>
public sealed class HostHealthCheck(IActorRef link, string outboxPath, TimeSpan? timeout = null)
{
    // The messages quote commands, and an operator reads them with curl: keep quotes and apostrophes unescaped.
    private static readonly JsonSerializerOptions ReportJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// How long uploads may wait without any reply before the cluster counts as out of reach. It is
    /// longer than the host agent's 10-second acknowledgement timeout, so one lost reply is not enough.
    /// </summary>
    public static readonly TimeSpan ReplyWindow = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(5);

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var (cluster, rejection) = await CheckClusterAsync(cancellationToken);
        var outbox = CheckOutbox();
        var ok = cluster.StartsWith("acknowledged", StringComparison.Ordinal) && outbox == "writable";
        return new Report(ok ? HealthReport.Ok : HealthReport.Degraded, NodeRoles.Host, cluster, outbox, rejection);
    }

    /// <summary>Writes the report as JSON with status 200 (ok) or 503 (degraded).</summary>
    public async Task WriteAsync(HttpContext context)
    {
        var report = await RunAsync(context.RequestAborted);
        context.Response.StatusCode = report.Status == HealthReport.Ok ? 200 : 503;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(JsonSerializer.Serialize(report, ReportJson), context.RequestAborted);
    }

    private async Task<(string Cluster, string? Rejection)> CheckClusterAsync(CancellationToken cancellationToken)
    {
        HostLink.LinkStatus status;
        try
        {
            status = await link.Ask<HostLink.LinkStatus>(HostLink.GetLinkStatus.Instance, _timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return ($"error: no reply from the host link within {_timeout.TotalSeconds:0} s", null);
        }

        if (status.LastReplyAt is not { } last)
        {
            return (status.PendingRoutes == 0 ? "no upload yet" : $"no reply yet; {status.PendingRoutes} uploads wait", null);
        }

        var now = DateTimeOffset.UtcNow;
        var rejection = status.LastRejection is { } rejected ? DescribeRejection(rejected, now) : null;
        var age = now - last;
        if (status.PendingRoutes > 0 && age > ReplyWindow)
        {
            return ($"no reply for {age.TotalSeconds:0} s; {status.PendingRoutes} uploads wait", rejection);
        }

        // A rejection is a reply, so it proves the cluster is reachable, but it acknowledges nothing.
        if (status.LastRejection is { } latest)
        {
            return ($"rejected the latest upload {(now - latest.At).TotalSeconds:0} s ago with {latest.Code}", rejection);
        }

        var acceptedAge = now - (status.LastAcceptedAt ?? last);
        return ($"acknowledged {acceptedAge.TotalSeconds:0} s ago", null);
    }

    // The cloud's message names the host key id and the machine, and neither is a secret.
    private static string DescribeRejection(HostLink.Rejection rejection, DateTimeOffset now)
    {
        var described = $"{rejection.Code} {(now - rejection.At).TotalSeconds:0} s ago: {rejection.Message}";
        if (!string.Equals(rejection.Code, IngressActor.HostNotAuthorizedCode, StringComparison.Ordinal))
        {
            return described;
        }

        return $"{described} Fix: on a dps node run 'arcactors host enroll --machine VMID --config DPS-NODE-FILE' for the machine the message above names, "
            + $"put the two printed lines ({HostCredentials.KeyIdSetting}, {HostCredentials.KeySetting}) in this host node's file, and restart it. "
            + "Rejected usage stays in the outbox and is sent again.";
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
    /// <param name="Rejection">
    /// The error code, the cloud's message and the fix when the latest reply rejected an upload, else null.
    /// </param>
    public sealed record Report(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("cluster")] string Cluster,
        [property: JsonPropertyName("outbox")] string Outbox,
        [property: JsonPropertyName("rejection")] string? Rejection = null);
}
