using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Serialization;
using ArcActors.Dps.Ingress;
using ArcActors.Host.Link;
using ArcActors.Host.Usage;
using ArcActors.Node.Runtime;
using ArcActors.Tests.Contracts;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ArcActors.Tests.Host;

/// <summary>
/// <c>GET /healthz</c> of a host node over a real host link (its cluster client replaced by a probe)
/// and a real outbox file: a rejected upload is never reported as acknowledged.
/// </summary>
public sealed class HostHealthCheckSpecs : TestKit
{
    private const string RejectionMessage =
        "host key 'hk-0f3a9c2e81d4' is not authorized to upload for machine 8d0b5a8e-3c1f-4e7a-9b2d-6f4e1c7a5b39: the key is enrolled for another machine.";

    private readonly string _folder = TestConfig.TempFolder("host-health");
    private readonly SqliteUsageOutbox _outbox;
    private readonly TestProbe _client;
    private readonly IActorRef _link;
    private readonly HostHealthCheck _check;

    public HostHealthCheckSpecs() : base(ConfigurationFactory.ParseString("akka.actor.serialize-messages = on").WithFallback(SerializationConfig.Hocon))
    {
        var outboxPath = Path.Combine(_folder, "host-outbox.db");
        _outbox = new SqliteUsageOutbox(outboxPath);
        _client = CreateTestProbe();
        _link = Sys.ActorOf(HostLink.Props(_client.Ref, new HostCredentials("hk-0f3a9c2e81d4", "secret")));
        _check = new HostHealthCheck(_link, outboxPath);
    }

    [Fact]
    public async Task HostHealth_AcceptedUploadIsOk()
    {
        Reply(id => new UploadAccepted(id, 1));

        var report = await _check.RunAsync(CancellationToken.None);

        Assert.Equal(HealthReport.Ok, report.Status);
        Assert.StartsWith("acknowledged", report.Cluster);
        Assert.Null(report.Rejection);
    }

    [Fact]
    public async Task HostHealth_HostNotAuthorizedIsDegraded()
    {
        Reply(id => new UploadRejected(id, IngressActor.HostNotAuthorizedCode, RejectionMessage));

        var report = await _check.RunAsync(CancellationToken.None);

        Assert.Equal(HealthReport.Degraded, report.Status);
        Assert.DoesNotContain("acknowledged", report.Cluster);
        Assert.Contains(IngressActor.HostNotAuthorizedCode, report.Cluster);
        Assert.NotNull(report.Rejection);
        Assert.StartsWith(IngressActor.HostNotAuthorizedCode, report.Rejection);
        Assert.Contains(RejectionMessage, report.Rejection);
        Assert.Contains("arcactors host enroll --machine VMID --config DPS-NODE-FILE", report.Rejection);
        Assert.Contains(HostCredentials.KeySetting, report.Rejection);
        Assert.Equal("writable", report.Outbox);
    }

    [Fact]
    public async Task HostHealth_RejectionAfterAcceptanceIsDegraded()
    {
        Reply(id => new UploadAccepted(id, 1));
        Reply(id => new UploadRejected(id, IngressActor.HostNotAuthorizedCode, RejectionMessage));

        var report = await _check.RunAsync(CancellationToken.None);

        Assert.Equal(HealthReport.Degraded, report.Status);
        Assert.DoesNotContain("acknowledged", report.Cluster);
        Assert.Contains(IngressActor.HostNotAuthorizedCode, report.Rejection);
    }

    [Fact]
    public async Task HostHealth_AcceptanceAfterRejectionIsOk()
    {
        Reply(id => new UploadRejected(id, IngressActor.HostNotAuthorizedCode, RejectionMessage));
        Reply(id => new UploadAccepted(id, 1));

        var report = await _check.RunAsync(CancellationToken.None);

        Assert.Equal(HealthReport.Ok, report.Status);
        Assert.StartsWith("acknowledged", report.Cluster);
        Assert.Null(report.Rejection);
    }

    [Fact]
    public async Task HostHealth_OtherRejectionNamesItsCode()
    {
        Reply(id => new UploadRejected(id, "InvalidUpload", "database name 'a\u0000b' is invalid."));

        var report = await _check.RunAsync(CancellationToken.None);

        Assert.Equal(HealthReport.Degraded, report.Status);
        Assert.StartsWith("InvalidUpload", report.Rejection);
        Assert.DoesNotContain("arcactors host enroll", report.Rejection);
    }

    [Fact]
    public async Task HostHealth_RejectedKeyReturns503()
    {
        Reply(id => new UploadRejected(id, IngressActor.HostNotAuthorizedCode, RejectionMessage));
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await _check.WriteAsync(context);

        Assert.Equal(503, context.Response.StatusCode);
        var json = JsonNode.Parse(body.ToArray())!;
        Assert.Equal("degraded", (string?)json["status"]);
        Assert.Equal("host", (string?)json["role"]);
        Assert.Contains(IngressActor.HostNotAuthorizedCode, (string?)json["rejection"]);
        Assert.Contains("arcactors host enroll", (string?)json["rejection"]);
    }

    // Sends one usage upload through the link and replies to it, as the cluster would, with the message that reply builds.
    private void Reply(Func<Guid, IArcActorsMessage> reply)
    {
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)] with { UploadId = Guid.NewGuid() };
        _link.Tell(usage, TestActor);
        _client.ExpectMsg<ClusterClient.Send>();

        var answer = reply(usage.UploadId);
        _link.Tell(answer, _client.Ref);
        ExpectMsg<object>(message => Assert.Equal(answer.GetType(), message.GetType()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _outbox.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
