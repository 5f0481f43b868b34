using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Agent;

/// <summary>
/// The newest probe result of the machine and of each managed instance, from whichever cycle took
/// it. The supervisor uses it in place of a probe that has not finished, so that an hour whose
/// discovery is stuck still gets a usage record.
/// </summary>
internal sealed class LastObservation
{
    private readonly Dictionary<string, InstanceSnapshot?> _instances = new(StringComparer.OrdinalIgnoreCase);

    public MachineSnapshot? Machine { get; private set; }

    /// <summary>Time of the cycle that described the machine last; null before the first description.</summary>
    public DateTimeOffset? MachineAt { get; private set; }

    public void ObserveMachine(MachineSnapshot machine, DateTimeOffset at)
    {
        Machine = machine;
        MachineAt = at;
    }

    /// <summary>Stores a probe result; null means the probe failed, so the instance is not counted as running.</summary>
    public void ObserveInstance(string instanceName, InstanceSnapshot? snapshot) => _instances[instanceName] = snapshot;

    public void Forget(string instanceName) => _instances.Remove(instanceName);

    /// <summary>Returns the last snapshot of the instance when it showed the instance running, else null.</summary>
    public InstanceSnapshot? RunningSnapshotOf(string instanceName) =>
        _instances.TryGetValue(instanceName, out var snapshot) && snapshot is not null && IsRunning(snapshot) ? snapshot : null;

    /// <summary>Builds a usage sample at <paramref name="at"/> from the last observation; null while the machine was never described.</summary>
    public SampleUsage? SampleAt(DateTimeOffset at)
    {
        if (Machine is null)
        {
            return null;
        }

        var running = _instances.Values
            .Where(snapshot => snapshot is not null && IsRunning(snapshot))
            .Select(snapshot => snapshot!)
            .ToList();
        return new SampleUsage(at, Machine, running);
    }

    public static bool IsRunning(InstanceSnapshot snapshot) =>
        snapshot.Status == ProbeStatus.Ok && snapshot.State == InstanceRunState.Running;
}
