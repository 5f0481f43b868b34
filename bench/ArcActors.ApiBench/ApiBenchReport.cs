using System.Globalization;

namespace ArcActors.ApiBench;

/// <summary>Prints the figures of a run as Markdown tables.</summary>
public static class ApiBenchReport
{
    public const double GetP99TargetMilliseconds = 20;

    public static void Write(ApiBenchOptions options, TimeSpan fillTime, IReadOnlyList<ListResult> lists, GetResult gets, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Read store: {options.Databases:N0} databases in the listed subscription, filled in {fillTime.TotalSeconds:F1} s.");
        output.WriteLine();
        output.WriteLine("| list by subscription | page size | pages | resources | total time | resources/s | page p50 | page p99 | page max |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var list in lists)
        {
            output.WriteLine(Invariant(
                $"| {list.Label} | {list.PageSize} | {list.Pages:N0} | {list.Resources:N0} | {list.Elapsed.TotalSeconds:F1} s | {list.ResourcesPerSecond:N0} | {list.PageLatency.P50:F1} ms | {list.PageLatency.P99:F1} ms | {list.PageLatency.Max:F1} ms |"));
        }

        output.WriteLine();
        output.WriteLine("| GET by id | clients | requests | failures | requests/s | p50 | p90 | p99 | max |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        output.WriteLine(Invariant(
            $"| random database | {gets.Clients} | {gets.Requests:N0} | {gets.Failures} | {gets.RequestsPerSecond:N0} | {gets.Latency.P50:F1} ms | {gets.Latency.P90:F1} ms | {gets.Latency.P99:F1} ms | {gets.Latency.Max:F1} ms |"));

        output.WriteLine();
        var met = gets.Latency.P99 < GetP99TargetMilliseconds ? "met" : "NOT met";
        output.WriteLine(Invariant($"Target p99 of GET by id under {GetP99TargetMilliseconds} ms: {met} ({gets.Latency.P99:F1} ms)."));
    }

    /// <summary>Returns the problems that make the run fail: wrong list counts, duplicates, wrong types or failed GETs.</summary>
    public static IReadOnlyList<string> FindProblems(int expectedDatabases, IReadOnlyList<ListResult> lists, GetResult gets)
    {
        var problems = new List<string>();
        foreach (var list in lists)
        {
            if (list.Resources != expectedDatabases)
            {
                problems.Add($"list '{list.Label}' returned {list.Resources} resources; expected {expectedDatabases}.");
            }

            if (list.Duplicates > 0)
            {
                problems.Add($"list '{list.Label}' returned {list.Duplicates} ids twice.");
            }

            if (list.WrongType > 0)
            {
                problems.Add($"list '{list.Label}' returned {list.WrongType} resources of another type.");
            }
        }

        if (gets.Failures > 0)
        {
            problems.Add($"{gets.Failures} of {gets.Requests} GETs by id did not return 200.");
        }

        return problems;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
