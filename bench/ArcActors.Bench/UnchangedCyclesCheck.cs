using ArcActors.Contracts.Events;
using ArcActors.Contracts.Serialization;

namespace ArcActors.Bench;

/// <summary>
/// The check "no events persisted by cycles that changed nothing". Without a timeline nothing in
/// the fleet changes after the first cycle, so the journal must hold exactly one inventory event
/// per instance and one machine event per host, all from the first sight.
/// </summary>
public sealed record UnchangedCyclesCheck(string Verdict, long InventoryEvents, long ExpectedInventoryEvents, long MachineEvents, long ExpectedMachineEvents)
{
    public const string Pass = "PASS";
    public const string Fail = "FAIL";
    public const string Skipped = "SKIPPED";

    public static UnchangedCyclesCheck Evaluate(BenchResult result)
    {
        var inventory = result.Journal.Manifest(MessageManifests.ManifestOf(typeof(InstanceInventoryChanged)));
        var machines = result.Journal.Manifest(MessageManifests.ManifestOf(typeof(MachineChanged)));
        var verdict = result.Fleet.TimelineEvents > 0 ? Skipped
            : inventory == result.Fleet.Instances && machines == result.Fleet.Hosts ? Pass
            : Fail;

        return new UnchangedCyclesCheck(verdict, inventory, result.Fleet.Instances, machines, result.Fleet.Hosts);
    }

    /// <summary>Events beyond the first-sight ones; positive when unchanged cycles persisted events.</summary>
    public long ExtraEvents => InventoryEvents - ExpectedInventoryEvents + (MachineEvents - ExpectedMachineEvents);
}
