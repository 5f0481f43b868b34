using ArcActors.Contracts.Events;
using ArcActors.Dps.Machines;
using ArcActors.Tests.Contracts;
using Xunit;

namespace ArcActors.Tests.Dps;

/// <summary>How long a machine entity keeps the billed hours it uses to recognize an hour sent again.</summary>
public sealed class MachineStateRetentionSpecs
{
    [Fact]
    public void MachineState_DropsHoursPastRetention()
    {
        var state = new MachineState();
        var first = Samples.At;
        var newest = first + MachineState.Retention + TimeSpan.FromHours(2);

        state.Apply(Billed(first));
        state.Apply(Billed(first.AddHours(2)));
        state.Apply(Billed(first.AddHours(3)));
        state.Apply(Billed(newest));

        Assert.Equal([first.AddHours(2), first.AddHours(3), newest], state.BilledHours);
    }

    [Fact]
    public void MachineState_LateHourKeepsNewestReference()
    {
        var state = new MachineState();
        var newest = Samples.At + TimeSpan.FromDays(10);
        state.Apply(Billed(newest));

        // An hour that arrives late, from before the newest, is kept while within retention of the newest.
        state.Apply(Billed(Samples.At));
        state.Apply(Billed(newest - MachineState.Retention - TimeSpan.FromHours(1)));

        Assert.Equal([Samples.At, newest], state.BilledHours);
    }

    private static UsageHourBilled Billed(DateTimeOffset hour) =>
        new(Samples.VmId, "db-east-02", Samples.Scope, hour, hour.AddHours(1), Samples.Usage(), []);
}
