using ArcActors.Contracts.Events;

namespace ArcActors.ReadModel;

public sealed partial class ReadStore
{
    /// <summary>Replaces the billing lines of (VM, hour) with the event's lines, so a later decision never adds to an earlier one.</summary>
    private static void ApplyUsageHour(WriteContext context, UsageHourBilled billed)
    {
        var vmId = billed.VmId.ToString("D");
        var hourStart = ArmTime.ToTicks(billed.HourStart);

        context.Execute("DELETE FROM billing WHERE vm_id = @vmId AND hour_start = @hourStart", ("@vmId", vmId), ("@hourStart", hourStart));

        // NOTE: two lines with the same meter in one event keep only the last one, because (VM, hour, meter) is the key.
        foreach (var line in billed.Lines)
        {
            context.Execute(
                """
                INSERT INTO billing(vm_id, hour_start, meter, machine, cores, edition, license_type, instance)
                VALUES (@vmId, @hourStart, @meter, @machine, @cores, @edition, @licenseType, @instance)
                ON CONFLICT(vm_id, hour_start, meter) DO UPDATE SET
                    machine = excluded.machine, cores = excluded.cores, edition = excluded.edition,
                    license_type = excluded.license_type, instance = excluded.instance
                """,
                ("@vmId", vmId),
                ("@hourStart", hourStart),
                ("@meter", line.Meter),
                ("@machine", billed.HostName),
                ("@cores", line.Cores),
                ("@edition", line.Edition),
                ("@licenseType", line.LicenseType),
                ("@instance", line.Instance));
        }
    }
}
