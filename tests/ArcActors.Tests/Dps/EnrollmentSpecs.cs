using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Subscriptions;
using ArcActors.Dps.Ingress;
using ArcActors.Node.Commands;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Dps;

public sealed class EnrollmentSpecs : TestKit
{
    private static readonly Guid OtherVmId = Guid.Parse("0d7c8a51-3b8f-4a0e-9b1c-5c7f2e6a9d34");

    private readonly string _folder = TestConfig.TempFolder("enrollment");
    private readonly EnrollmentStore _store;
    private readonly Akka.TestKit.TestProbe _instances;
    private readonly Akka.TestKit.TestProbe _machines;

    public EnrollmentSpecs() : base(TestConfig.Embedded(Path.Combine(Path.GetTempPath(), "unused-enrollment-journal.db")))
    {
        _store = new EnrollmentStore(EnrollmentStore.DefaultPath(_folder));
        _instances = CreateTestProbe();
        _machines = CreateTestProbe();
    }

    [Fact]
    public void EnrollmentStore_KeepsOnlyTheKeyHash()
    {
        var issued = _store.Enroll(Samples.VmId, Samples.At);

        var text = File.ReadAllText(_store.FilePath);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Key)));
        Assert.DoesNotContain(issued.Key, text);
        Assert.Contains(hash, text);
        Assert.Contains(issued.HostKeyId, text);
        Assert.Contains(Samples.VmId.ToString("D"), text);
    }

    [Fact]
    public void EnrollmentStore_VerifiesOnlyTheIssuedKey()
    {
        var issued = _store.Enroll(Samples.VmId, Samples.At);

        Assert.Equal(Samples.VmId, _store.Verify(issued.HostKeyId, issued.Key));
        Assert.Null(_store.Verify(issued.HostKeyId, issued.Key + "x"));
        Assert.Null(_store.Verify(issued.HostKeyId, ""));
        Assert.Null(_store.Verify("hk-000000000000", issued.Key));
    }

    [Fact]
    public void EnrollmentStore_ReenrollingReplacesEarlierKey()
    {
        var first = _store.Enroll(Samples.VmId, Samples.At);
        var other = _store.Enroll(OtherVmId, Samples.At);
        var second = _store.Enroll(Samples.VmId, Samples.At.AddDays(1));

        Assert.Equal(1, second.ReplacedKeys);
        Assert.Null(_store.Verify(first.HostKeyId, first.Key));
        Assert.Equal(Samples.VmId, _store.Verify(second.HostKeyId, second.Key));
        Assert.Equal(OtherVmId, _store.Verify(other.HostKeyId, other.Key));
    }

    [Fact]
    public void EnrollmentStore_SeesKeysIssuedByAnotherProcess()
    {
        Assert.Null(_store.Verify("hk-000000000000", "none"));

        var issued = new EnrollmentStore(_store.FilePath).Enroll(Samples.VmId, Samples.At);

        Assert.Equal(Samples.VmId, _store.Verify(issued.HostKeyId, issued.Key));
    }

    [Fact]
    public void EnrollmentStore_CorruptFileNamesPathAndFix()
    {
        File.WriteAllText(_store.FilePath, "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => _store.Verify("hk-000000000000", "none"));

        Assert.Contains(_store.FilePath, error.Message);
        Assert.Contains("enroll the hosts again", error.Message);
    }

    [Fact]
    public void IssuedKey_ToStringLeavesKeyOut()
    {
        var issued = _store.Enroll(Samples.VmId, Samples.At);

        Assert.DoesNotContain(issued.Key, issued.ToString());
        Assert.Contains(issued.HostKeyId, issued.ToString());
    }

    [Fact]
    public void AuthenticatedUpload_ToStringLeavesKeyOut()
    {
        var upload = AuthenticatedUpload.Wrap("hk-0f3a9c2e81d4", "secret-key-value", Samples.All()[typeof(UploadUsage)] as UploadUsage ?? throw new InvalidOperationException());

        Assert.DoesNotContain("secret-key-value", upload.ToString());
        Assert.Contains("hk-0f3a9c2e81d4", upload.ToString());
    }

    [Fact]
    public void Ingress_ForwardsUploadOfEnrolledMachine()
    {
        var issued = _store.Enroll(Samples.VmId, Samples.At);
        var ingress = StartIngress(requireEnrollment: true);
        var inventory = (UploadInventory)Samples.All()[typeof(UploadInventory)];
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];

        ingress.Tell(AuthenticatedUpload.Wrap(issued.HostKeyId, issued.Key, inventory));
        ingress.Tell(AuthenticatedUpload.Wrap(issued.HostKeyId, issued.Key, usage));

        Assert.Equal(inventory.UploadId, _instances.ExpectMsg<UploadInventory>().UploadId);
        Assert.Equal(TestActor, _instances.LastSender);
        Assert.Equal(usage.UploadId, _machines.ExpectMsg<UploadUsage>().UploadId);
        Assert.Equal(TestActor, _machines.LastSender);
    }

    [Fact]
    public void Ingress_RejectsHostClaimingAnotherMachine()
    {
        var issued = _store.Enroll(OtherVmId, Samples.At);
        var ingress = StartIngress(requireEnrollment: true);
        var machine = (UploadMachine)Samples.All()[typeof(UploadMachine)];
        var inventory = (UploadInventory)Samples.All()[typeof(UploadInventory)];

        ingress.Tell(AuthenticatedUpload.Wrap(issued.HostKeyId, issued.Key, machine));
        ingress.Tell(AuthenticatedUpload.Wrap(issued.HostKeyId, issued.Key, inventory));

        var first = ExpectMsg<UploadRejected>();
        var second = ExpectMsg<UploadRejected>();
        Assert.Equal(machine.UploadId, first.UploadId);
        Assert.Equal(IngressActor.HostNotAuthorizedCode, first.Code);
        Assert.Contains(issued.HostKeyId, first.Message);
        Assert.Contains(Samples.VmId.ToString("D"), first.Message);
        Assert.Contains("another machine", first.Message);
        Assert.Equal(inventory.UploadId, second.UploadId);
        Assert.Equal(IngressActor.HostNotAuthorizedCode, second.Code);
        AssertNothingForwardedBefore(ingress);
    }

    [Fact]
    public void Ingress_RejectsWrongKey()
    {
        var issued = _store.Enroll(Samples.VmId, Samples.At);
        var ingress = StartIngress(requireEnrollment: true);
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];

        ingress.Tell(AuthenticatedUpload.Wrap(issued.HostKeyId, issued.Key[..^1], usage));

        var rejected = ExpectMsg<UploadRejected>();
        Assert.Equal(usage.UploadId, rejected.UploadId);
        Assert.Equal(IngressActor.HostNotAuthorizedCode, rejected.Code);
        Assert.Contains(issued.HostKeyId, rejected.Message);
        Assert.Contains(Samples.VmId.ToString("D"), rejected.Message);
        Assert.DoesNotContain(issued.Key[..^1], rejected.Message);
        AssertNothingForwardedBefore(ingress);
    }

    [Fact]
    public void Ingress_RejectsUnknownKeyId()
    {
        var ingress = StartIngress(requireEnrollment: true);
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];

        ingress.Tell(AuthenticatedUpload.Wrap("hk-ffffffffffff", "guessed", usage));

        var rejected = ExpectMsg<UploadRejected>();
        Assert.Equal(IngressActor.HostNotAuthorizedCode, rejected.Code);
        Assert.Contains("hk-ffffffffffff", rejected.Message);
        AssertNothingForwardedBefore(ingress);
    }

    [Fact]
    public void Ingress_RejectsPlainUploadWhenEnrollmentRequired()
    {
        var ingress = StartIngress(requireEnrollment: true);
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];

        ingress.Tell(usage);

        var rejected = ExpectMsg<UploadRejected>();
        Assert.Equal(usage.UploadId, rejected.UploadId);
        Assert.Equal(IngressActor.HostNotAuthorizedCode, rejected.Code);
        Assert.Contains(IngressActor.RequireEnrollmentSetting, rejected.Message);
        AssertNothingForwardedBefore(ingress);
    }

    [Fact]
    public void Ingress_AcceptsPlainUploadWhenEnrollmentOff()
    {
        var ingress = StartIngress(requireEnrollment: false);
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];

        ingress.Tell(usage);

        Assert.Equal(usage.UploadId, _machines.ExpectMsg<UploadUsage>().UploadId);
    }

    [Fact]
    public void Ingress_ReadsEnrollmentSettingsFromConfig()
    {
        var issued = _store.Enroll(Samples.VmId, Samples.At);
        var config = Akka.Configuration.ConfigurationFactory.ParseString($"""
            {IngressActor.RequireEnrollmentSetting} = on
            {IngressActor.EnrollmentFileSetting} = "{_store.FilePath.Replace("\\", "\\\\")}"
            """).WithFallback(Sys.Settings.Config);
        using var system = ActorSystem.Create("configured", config);
        var machines = CreateTestProbe(system);
        var ingress = system.ActorOf(IngressActor.Props(CreateTestProbe(system).Ref, machines.Ref, CreateTestProbe(system).Ref));
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];
        var replies = CreateTestProbe(system);

        ingress.Tell(usage, replies.Ref);
        ingress.Tell(AuthenticatedUpload.Wrap(issued.HostKeyId, issued.Key, usage), replies.Ref);

        Assert.Equal(IngressActor.HostNotAuthorizedCode, replies.ExpectMsg<UploadRejected>().Code);
        Assert.Equal(usage.UploadId, machines.ExpectMsg<UploadUsage>().UploadId);
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task HostEnrollCommand_PrintsKeyThatVerifies()
    {
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["host", "enroll", "--machine", Samples.VmId.ToString(), "--data", _folder], output, CancellationToken.None);

        Assert.Equal(0, exit);
        var settings = Akka.Configuration.ConfigurationFactory.ParseString(output.ToString());
        var keyId = settings.GetString("arcactors.host.key-id");
        var key = settings.GetString("arcactors.host.key");
        Assert.Equal(Samples.VmId, _store.Verify(keyId, key));
    }

    [Fact]
    public async Task HostEnrollCommand_RejectsNonGuidMachine()
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(() =>
            CommandLine.RunAsync(["host", "enroll", "--machine", "db-east-02", "--data", _folder], new StringWriter(), CancellationToken.None));

        Assert.Contains("db-east-02", error.Message);
        Assert.False(File.Exists(_store.FilePath));
    }

    private IActorRef StartIngress(bool requireEnrollment)
    {
        var subscriptions = CreateTestProbe();
        subscriptions.SetAutoPilot(new Akka.TestKit.DelegateAutoPilot((sender, message) =>
        {
            if (message is GetProviderRegistrations get)
            {
                sender.Tell(new ProviderRegistrations(get.SubscriptionId, 1, [Providers.ArcData]));
            }

            return Akka.TestKit.AutoPilot.KeepRunning;
        }));
        return Sys.ActorOf(IngressActor.Props(_instances.Ref, _machines.Ref, subscriptions.Ref, _store, requireEnrollment));
    }

    // The ingress handles messages in order, and inventory waits for a subscription lookup in
    // arrival order, so once later valid uploads arrive at both probes, any forward of the
    // rejected uploads would have arrived before them.
    private void AssertNothingForwardedBefore(IActorRef ingress)
    {
        var machine = (UploadMachine)Samples.All()[typeof(UploadMachine)] with { UploadId = Guid.NewGuid() };
        var inventory = (UploadInventory)Samples.All()[typeof(UploadInventory)] with { UploadId = Guid.NewGuid() };
        var issued = _store.Enroll(machine.VmId, Samples.At);

        ingress.Tell(AuthenticatedUpload.Wrap(issued.HostKeyId, issued.Key, machine));
        ingress.Tell(AuthenticatedUpload.Wrap(issued.HostKeyId, issued.Key, inventory));

        Assert.Equal(machine.UploadId, _machines.ExpectMsg<UploadMachine>().UploadId);
        Assert.Equal(inventory.UploadId, _instances.ExpectMsg<UploadInventory>().UploadId);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
