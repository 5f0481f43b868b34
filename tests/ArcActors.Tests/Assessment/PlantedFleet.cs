using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Assessment;
using ArcActors.Simulation;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Tests.Assessment;

/// <summary>
/// Loads fleets/assessment-planted.yaml, reads every instance and database through the simulated
/// discovery source the host agent uses, and assesses each instance at the fleet's start.
/// </summary>
internal static class PlantedFleet
{
    public const string FileName = "assessment-planted.yaml";

    public static Fleet Load() => FleetFile.Load(TestConfig.FleetPath(FileName));

    /// <summary>Returns one report per instance, keyed by host name and instance name.</summary>
    public static async Task<IReadOnlyDictionary<(string Host, string Instance), AssessmentReport>> AssessAsync()
    {
        var fleet = Load();
        var state = new FleetState(fleet);
        var reports = new Dictionary<(string Host, string Instance), AssessmentReport>();

        foreach (var host in fleet.Hosts)
        {
            var source = new SimulatedDiscoverySource(state, host.VmId);
            foreach (var location in await source.LocateInstancesAsync(CancellationToken.None))
            {
                var instance = await source.ProbeInstanceAsync(location, CancellationToken.None);
                var databases = new List<DatabaseSnapshot>();
                foreach (var entry in instance.Databases)
                {
                    databases.Add(await source.ProbeDatabaseAsync(location, entry, CancellationToken.None));
                }

                reports[(host.Name, instance.InstanceName)] = BestPracticesAssessor.Assess(instance, databases, fleet.Start);
            }
        }

        return reports;
    }
}
