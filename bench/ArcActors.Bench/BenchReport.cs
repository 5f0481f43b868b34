using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace ArcActors.Bench;

/// <summary>Writes a <see cref="BenchResult"/> as Markdown tables.</summary>
public static class BenchReport
{
    private const double MiB = 1024 * 1024;

    public static void Write(BenchResult result, UnchangedCyclesCheck check, TextWriter output)
    {
        var fleet = result.Fleet;
        var simulation = result.Simulation;

        output.WriteLine();
        output.WriteLine($"## {fleet.Hosts} hosts x {result.Options.InstancesPerHost} instances x {result.Options.DatabasesPerInstance} databases, {result.Options.Hours} hours, seed {result.Options.Seed}");
        output.WriteLine();
        output.WriteLine("| figure | value |");
        output.WriteLine("|---|---|");
        Row(output, "machine", $"{Environment.ProcessorCount} logical processors, {Mib(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes):F0} MiB available to .NET, {RuntimeInformation.OSDescription}");
        Row(output, "runtime", $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Row(output, "fleet", $"{fleet.Hosts} hosts, {fleet.Instances} instances, {fleet.Databases} databases, {fleet.TimelineEvents} timeline events");
        Row(output, "fleet file", $"{Mib(fleet.FleetFileBytes):F1} MiB; generated in {fleet.GenerateTime.TotalSeconds:F1} s, written in {fleet.WriteTime.TotalSeconds:F1} s");
        Row(output, "simulate exit code", simulation.ExitCode.ToString(CultureInfo.InvariantCulture));
        Row(output, "wall time of simulate", $"{simulation.WallTime.TotalSeconds:F1} s");
        Row(output, "CPU time of simulate", $"{simulation.CpuTime.TotalSeconds:F1} s ({simulation.CpuTime / simulation.WallTime:F2} cores busy on average)");
        Row(output, "peak working set (PeakWorkingSet64)", $"{Mib(simulation.PeakWorkingSetBytes):F0} MiB");
        Row(output, "sampled peak working set", $"{Mib(simulation.SampledPeakWorkingSetBytes):F0} MiB at {simulation.SampledPeakAtSeconds:F1} s; {Mib(simulation.WorkingSetBeforeBytes):F0} MiB before the run");
        Row(output, "sampled peak managed heap", $"{Mib(simulation.PeakManagedHeapBytes):F0} MiB");
        Row(output, "allocated during simulate", $"{Mib(simulation.AllocatedBytes):F0} MiB");
        Row(output, "garbage collections", $"gen0 {simulation.Gen0Collections}, gen1 {simulation.Gen1Collections}, gen2 {simulation.Gen2Collections}; paused {simulation.GcPauseTime.TotalSeconds:F2} s");
        Row(output, "events persisted", $"{result.Journal.Events} in {result.Journal.PersistenceIds} persistence ids; {result.Journal.Snapshots} snapshots");
        Row(output, "journal.db / readstore.db", $"{Mib(result.JournalFileBytes):F1} MiB / {Mib(result.ReadStoreFileBytes):F1} MiB");
        Row(output, "billing records (billing.jsonl lines)", result.Output.BillingRecords.ToString(CultureInfo.InvariantCulture));
        Row(output, "resources (resources.json)", result.Output.Resources.ToString(CultureInfo.InvariantCulture));
        Row(output, "errors (summary.json)", result.Output.Errors.ToString(CultureInfo.InvariantCulture));
        Row(output, "events from unchanged cycles", CheckText(check));

        if (simulation.Phases is not null)
        {
            WritePhases(output, simulation.Phases);
        }

        WriteCounts(output, "events by manifest", "manifest", result.Journal.ByManifest);
        WriteCounts(output, "events by tag", "tag", result.Journal.ByTag);
        WriteCounts(output, "events by entity kind", "persistence id prefix", result.Journal.ByEntityKind);
        WriteCounts(output, "resources by type", "type", result.Output.ResourcesByType);
    }

    private static string CheckText(UnchangedCyclesCheck check) => check.Verdict switch
    {
        UnchangedCyclesCheck.Skipped => "SKIPPED: the fleet has a timeline, so later cycles do change something",
        _ => $"{check.Verdict}: {check.InventoryEvents} inventory events for {check.ExpectedInventoryEvents} instances, " +
            $"{check.MachineEvents} machine events for {check.ExpectedMachineEvents} hosts ({check.ExtraEvents} extra)",
    };

    private static void WritePhases(TextWriter output, PhaseTimer phases)
    {
        output.WriteLine();
        output.WriteLine("| phase | runs | total s | max s | working set after, MiB | managed heap after, MiB |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, figures) in phases.Phases)
        {
            output.WriteLine($"| {name} | {figures.Count} | {figures.Total.TotalSeconds:F2} | {figures.Max.TotalSeconds:F2} | " +
                $"{Mib(figures.WorkingSetBytes):F0} | {Mib(figures.ManagedHeapBytes):F0} |");
        }
    }

    private static void WriteCounts(TextWriter output, string title, string keyHeader, IReadOnlyDictionary<string, long> counts)
    {
        output.WriteLine();
        output.WriteLine($"| {keyHeader} | {title} |");
        output.WriteLine("|---|---:|");
        foreach (var (key, count) in counts)
        {
            output.WriteLine($"| {(key.Length == 0 ? "(none)" : key)} | {count} |");
        }
    }

    private static void Row(TextWriter output, string figure, string value) => output.WriteLine($"| {figure} | {value} |");

    private static double Mib(long bytes) => bytes / MiB;
}
