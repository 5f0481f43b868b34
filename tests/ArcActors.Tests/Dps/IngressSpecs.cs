using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Subscriptions;
using ArcActors.Dps.Ingress;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Dps;

public sealed class IngressSpecs : TestKit
{
    private readonly Akka.TestKit.TestProbe _instances;
    private readonly Akka.TestKit.TestProbe _machines;
    private readonly Akka.TestKit.TestProbe _subscriptions;
    private readonly IActorRef _ingress;
    private readonly HashSet<string> _registered = [Providers.ArcData];

    public IngressSpecs() : base(TestConfig.Embedded(Path.Combine(Path.GetTempPath(), "unused-ingress-journal.db")))
    {
        _instances = CreateTestProbe();
        _machines = CreateTestProbe();
        _subscriptions = CreateTestProbe();
        _subscriptions.SetAutoPilot(new Akka.TestKit.DelegateAutoPilot((sender, message) =>
        {
            if (message is GetProviderRegistrations get)
            {
                sender.Tell(new ProviderRegistrations(get.SubscriptionId, 1, _registered.ToList()));
            }

            return Akka.TestKit.AutoPilot.KeepRunning;
        }));
        _ingress = Sys.ActorOf(IngressActor.Props(_instances.Ref, _machines.Ref, _subscriptions.Ref));
    }

    public static TheoryData<string, UploadInventory, string> BadInventory()
    {
        var good = (UploadInventory)Samples.All()[typeof(UploadInventory)];
        return new TheoryData<string, UploadInventory, string>
        {
            { "subscription", good with { Scope = Samples.Scope with { SubscriptionId = "../../etc" } }, "../../etc" },
            { "resource group", good with { Scope = Samples.Scope with { ResourceGroup = "rg/../other" } }, "rg/../other" },
            { "host name", good with { HostName = "host name; drop" }, "host name; drop" },
            { "long database", good with { AllDatabaseNames = [new string('d', 129)] }, "128" },
            { "empty database", good with { AllDatabaseNames = [" "] }, "database name" },
            { "hash instance", good with { Key = good.Key with { InstanceName = "SQL#1" }, Instance = good.Instance with { InstanceName = "SQL#1" } }, "SQL#1" },
            { "mismatched key", good with { Key = good.Key with { InstanceName = "OTHER" } }, "OTHER" },
            { "too many databases", good with { AllDatabaseNames = Enumerable.Range(0, UploadValidator.MaxDatabasesPerUpload + 1).Select(i => $"db{i}").ToList() }, "32768" },
        };
    }

    [Theory]
    [MemberData(nameof(BadInventory))]
    public void Ingress_RejectsBadInventoryNamingTheValue(string problem, UploadInventory upload, string named)
    {
        _ingress.Tell(upload);

        var rejected = ExpectMsg<UploadRejected>();
        Assert.Equal(upload.UploadId, rejected.UploadId);
        Assert.Equal("InvalidUpload", rejected.Code);
        Assert.True(rejected.Message.Contains(named, StringComparison.Ordinal), $"{problem}: '{rejected.Message}' does not name '{named}'");
        _instances.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Ingress_RejectsUsageOfAnotherMachine()
    {
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];
        var foreign = usage with { Records = [usage.Records[0] with { VmId = Guid.NewGuid() }] };

        _ingress.Tell(foreign);

        Assert.Contains("may only report its own usage", ExpectMsg<UploadRejected>().Message);
        _machines.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Ingress_RejectsUsageNotOnTheHour()
    {
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];
        var unaligned = usage with { Records = [usage.Records[0] with { HourStart = Samples.At.AddMinutes(20) }] };

        _ingress.Tell(unaligned);

        Assert.Contains("not the start of a UTC hour", ExpectMsg<UploadRejected>().Message);
    }

    [Fact]
    public void Ingress_ForwardsValidUploadsToTheirRegion()
    {
        var inventory = (UploadInventory)Samples.All()[typeof(UploadInventory)];
        var usage = (UploadUsage)Samples.All()[typeof(UploadUsage)];

        _ingress.Tell(inventory);
        _ingress.Tell(usage);

        Assert.Equal(inventory.UploadId, _instances.ExpectMsg<UploadInventory>().UploadId);
        Assert.Equal(TestActor, _instances.LastSender);
        Assert.Equal(usage.UploadId, _machines.ExpectMsg<UploadUsage>().UploadId);
    }

    [Fact]
    public void Ingress_RejectsInventoryOfUnregisteredSubscription()
    {
        _registered.Clear();
        var inventory = (UploadInventory)Samples.All()[typeof(UploadInventory)];
        var machine = (UploadMachine)Samples.All()[typeof(UploadMachine)];

        _ingress.Tell(inventory);
        _ingress.Tell(machine);

        var rejected = ExpectMsg<UploadRejected>();
        Assert.Equal(Providers.NotRegisteredCode, rejected.Code);
        Assert.Contains(Providers.ArcData, rejected.Message);
        Assert.Contains("/register", rejected.Message);
        Assert.Equal(machine.UploadId, _machines.ExpectMsg<UploadMachine>().UploadId);
        _instances.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Ingress_AcceptsInventoryOnceRegistrationPublished()
    {
        _registered.Clear();
        var inventory = (UploadInventory)Samples.All()[typeof(UploadInventory)];
        var subscription = Providers.NormalizeSubscription(inventory.Scope.SubscriptionId);
        _ingress.Tell(inventory);
        Assert.Equal(Providers.NotRegisteredCode, ExpectMsg<UploadRejected>().Code);

        _ingress.Tell(new ProviderRegistrations(subscription, 2, [Providers.ArcData]));
        var again = inventory with { UploadId = Guid.NewGuid() };
        _ingress.Tell(again);

        Assert.Equal(again.UploadId, _instances.ExpectMsg<UploadInventory>().UploadId);
    }

    [Fact]
    public void Ingress_IgnoresOlderRegistrationState()
    {
        var inventory = (UploadInventory)Samples.All()[typeof(UploadInventory)];
        var subscription = Providers.NormalizeSubscription(inventory.Scope.SubscriptionId);
        _ingress.Tell(new ProviderRegistrations(subscription, 5, []));
        _ingress.Tell(new ProviderRegistrations(subscription, 4, [Providers.ArcData]));

        _ingress.Tell(inventory);

        Assert.Equal(Providers.NotRegisteredCode, ExpectMsg<UploadRejected>().Code);
    }
}
