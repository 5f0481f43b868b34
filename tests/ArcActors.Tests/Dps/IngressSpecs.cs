using Akka.Actor;
using Akka.TestKit.Xunit2;
using ArcActors.Contracts.Ingress;
using ArcActors.Dps.Ingress;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Dps;

public sealed class IngressSpecs : TestKit
{
    private readonly Akka.TestKit.TestProbe _instances;
    private readonly Akka.TestKit.TestProbe _machines;
    private readonly IActorRef _ingress;

    public IngressSpecs() : base(TestConfig.Embedded(Path.Combine(Path.GetTempPath(), "unused-ingress-journal.db")))
    {
        _instances = CreateTestProbe();
        _machines = CreateTestProbe();
        _ingress = Sys.ActorOf(IngressActor.Props(_instances.Ref, _machines.Ref));
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
}
