using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Host.Relay;

/// <summary>One run of a job on the host.</summary>
/// <param name="Attempt">1 for the first run; higher when an earlier run was cut off by a crash.</param>
/// <param name="Machine">The machine as discovery described it just before the run.</param>
public sealed record JobRun(JobCommand Job, int Attempt, MachineSnapshot Machine);
