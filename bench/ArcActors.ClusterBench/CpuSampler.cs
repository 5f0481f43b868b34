using System.Globalization;

namespace ArcActors.ClusterBench;

/// <summary>CPU time (user plus system) of processes, read from <c>/proc/PID/stat</c> on Linux.</summary>
public static class CpuSampler
{
    // USER_HZ, the unit of utime and stime in /proc/PID/stat; 100 on Linux for x86-64 and arm64.
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds <paramref name="pid"/> has used so far, or null when it is gone or /proc is missing.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // After the command name: state is field 3, utime field 14 and stime field 15 (1-based in proc(5)).
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (user + system) / TicksPerSecond;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU seconds of every PostgreSQL process (postgres or postmaster command) by process id, empty
    /// without /proc. Compare two samples with <see cref="PostgresCpuSecondsBetween"/>.
    /// </summary>
    public static Dictionary<int, double> PostgresCpuSeconds()
    {
        var total = new Dictionary<int, double>();
        if (!Directory.Exists("/proc"))
        {
            return total;
        }

        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            string command;
            try
            {
                command = File.ReadAllText(Path.Combine(folder, "comm")).Trim();
            }
            catch (IOException)
            {
                continue;
            }

            if (command is "postgres" or "postmaster" && CpuSeconds(pid) is { } seconds)
            {
                total[pid] = seconds;
            }
        }

        return total;
    }

    /// <summary>
    /// CPU seconds PostgreSQL used between two samples. A backend that started in between counts in
    /// full. One that ended in between is gone from the second sample, so its share is missing: the
    /// figure can be low, never negative.
    /// </summary>
    public static double PostgresCpuSecondsBetween(IReadOnlyDictionary<int, double> before, IReadOnlyDictionary<int, double> after) =>
        after.Sum(entry => entry.Value - before.GetValueOrDefault(entry.Key));
}
