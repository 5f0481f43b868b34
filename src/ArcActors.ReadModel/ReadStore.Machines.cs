using ArcActors.Contracts.Events;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>
    /// Stores the machine, renders its resource and renders its instances again, because their
    /// <c>cores</c>, <c>licenseType</c>, <c>hostType</c> and, after a rename, their ids depend on it.
    /// </summary>
    private static void ApplyMachine(WriteContext context, long offset, MachineChanged change)
    {
        var machine = change.Machine;
        var previous = LoadMachine(context, machine.VmId);
        var machineId = ResourceIds.Machine(change.Scope, machine.HostName);

        if (previous is not null)
        {
            var previousId = ResourceIds.Machine(previous.Scope, previous.Machine.HostName);
            if (!string.Equals(previousId, machineId, StringComparison.Ordinal))
            {
                DeleteResourceTree(context, previousId);
            }
        }

        SaveMachine(context, new MachineMaterial(change.Scope, machine, change.At));
        WriteResource(context, machineId, ResourceIds.MachineType, machine.VmId, null, change.At, times =>
            ArmRenderer.Machine(change.Scope, machine, times));

        foreach (var key in InstanceKeysOfMachine(context, machine.VmId))
        {
            RenderInstanceTree(context, key, change.At);
        }

        WriteActivity(context, offset, change.Scope, change.At, change.Changes, HostAgentCaller(machine.HostName));
    }
}
