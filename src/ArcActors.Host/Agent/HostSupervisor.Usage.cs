using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Usage;

namespace ArcActors.Host.Agent;

/// <summary>
/// The hourly usage record of a cycle, written as soon as every managed instance is probed and never held
/// back by uploads, and what a new cycle does when the previous one is still running.
/// </summary>
public sealed partial class HostSupervisor
{
    // Usage is recorded once per cycle, as soon as every instance is probed: acknowledgements of
    // uploads never hold it back.
    private void RecordUsageWhenProbed(InventoryCycle cycle)
    {
        if (cycle.UsageRecorded || cycle.Unprobed.Count > 0 || cycle.Machine is null)
        {
            return;
        }

        var running = cycle.Snapshots.Where(LastObservation.IsRunning).ToList();
        _usageMeter.Tell(new SampleUsage(cycle.At, cycle.Machine, running));
        cycle.UsageRecorded = true;
    }

    // An instance whose probe has not finished counts as it was last observed, because a probe that
    // hangs is no evidence that the instance stopped.
    private void RecordUsageWithoutUnprobed(InventoryCycle cycle)
    {
        foreach (var name in cycle.Unprobed.ToList())
        {
            var last = _lastObservation.RunningSnapshotOf(name);
            cycle.Unprobed.Remove(name);
            if (last is not null)
            {
                cycle.Snapshots.Add(last);
                cycle.Errors.Add($"instance {name}: probe not finished, usage recorded from its last observation");
            }
        }

        RecordUsageWhenProbed(cycle);
    }

    // Discovery failed or hangs, which is no evidence that the instances stopped, so the hour bills
    // as the machine was last observed.
    private void RecordUsageFromLastObservation(InventoryCycle cycle)
    {
        var sample = _lastObservation.SampleAt(cycle.At);
        if (sample is null)
        {
            cycle.Errors.Add("usage not recorded: no cycle has described the machine yet");
            return;
        }

        _usageMeter.Tell(sample);
        cycle.UsageRecorded = true;
        cycle.Errors.Add($"usage recorded from the last observation (machine described at {_lastObservation.MachineAt:O})");
    }

    // The previous cycle has recorded its usage and only waits for acknowledgements: it ends here, and
    // the new cycle uploads a newer inventory. Usage records stay in the outbox until acknowledged.
    private void StopWaitingForUploads(InventoryCycle previous, DateTimeOffset nextAt)
    {
        var late = DescribeAwaited(previous);
        _log.Warning("host {0}: cycle at {1} ended without the acknowledgement of {2} because the cycle at {3} starts. "
            + "Its usage record is in the outbox, and the new cycle uploads the inventory again", VmId, previous.At, late, nextAt);
        previous.Errors.Add($"not acknowledged before the cycle at {nextAt:O}: {late}");
        if (previous.MachineUploadId is { } machineUploadId && previous.Awaited.Contains(MachineKey))
        {
            _channel.Tell(new UploadChannel.Cancel(machineUploadId));
        }

        Complete(previous);
    }

    // The previous cycle is still probing, so this cycle skips discovery and uploads, but its hour
    // still gets a usage record, taken from the last observation.
    private void SkipDiscovery(RunInventoryCycle run, InventoryCycle previous)
    {
        var sample = _lastObservation.SampleAt(run.At);
        string outcome;
        if (sample is null)
        {
            outcome = "skipped discovery, inventory uploads and usage, as no earlier cycle has described the machine to record usage from";
        }
        else
        {
            _usageMeter.Tell(sample);
            outcome = $"skipped discovery and inventory uploads but recorded usage from the last observation "
                + $"(machine described at {_lastObservation.MachineAt:O}, {sample.Instances.Count} running instances)";
        }

        _log.Warning("host {0}: cycle at {1} {2}, because the cycle at {3} is still waiting for {4}", VmId, run.At, outcome, previous.At, DescribeAwaited(previous));
        Sender.Tell(new InventoryCycleCompleted(VmId, run.At, 0, 0, [$"{outcome}, because the cycle at {previous.At:O} is still running"]));
    }

    // The previous cycle has already recorded the usage of this hour (UsageRecorded), so letting it finish loses no usage.
    private void SkipRecordedHour(RunInventoryCycle run, InventoryCycle previous)
    {
        var outcome = $"skipped discovery and inventory uploads, because the cycle at {previous.At:O} of the same hour "
            + $"has already recorded its usage and still waits for {DescribeAwaited(previous)}";
        _log.Warning("host {0}: cycle at {1} {2}", VmId, run.At, outcome);
        Sender.Tell(new InventoryCycleCompleted(VmId, run.At, 0, 0, [outcome]));
    }

    private static DateTimeOffset HourStart(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string DescribeAwaited(InventoryCycle cycle) =>
        cycle.Machine is null && cycle.Awaited.Count == 0
            ? "machine discovery"
            : string.Join(", ", cycle.Awaited.Select(name => DescribeAwaited(cycle, name)));

    private static string DescribeAwaited(InventoryCycle cycle, string name)
    {
        if (name == MachineKey)
        {
            return "machine upload";
        }

        return cycle.Unprobed.Contains(name) ? $"instance {name} probe" : $"instance {name} upload";
    }
}
