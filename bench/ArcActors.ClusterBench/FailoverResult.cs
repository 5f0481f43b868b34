namespace ArcActors.ClusterBench;

/// <summary>What happened after one dps node was killed with SIGKILL.</summary>
/// <param name="PreKillRate">Accepted uploads per second in the measuring window before the kill.</param>
/// <param name="LowestRate">Lowest one-second rate after the kill.</param>
/// <param name="RateRecoveredAfter">Seconds from the kill to the start of the first 3-second span whose mean rate is back at 90% of <paramref name="PreKillRate"/>, after a dip below it; null when it never recovered, 0 when it never dipped.</param>
/// <param name="StalledHosts">Hosts with no upload accepted in the first second after the kill.</param>
/// <param name="AllHostsAcceptedAfter">Seconds from the kill until the last host had an upload accepted; null when some host had none.</param>
/// <param name="PerSecond">Accepted uploads in each second after the kill.</param>
public sealed record FailoverResult(
    double PreKillRate,
    int LowestRate,
    double? RateRecoveredAfter,
    int StalledHosts,
    double? AllHostsAcceptedAfter,
    double MedianStalledHostAfter,
    IReadOnlyList<int> PerSecond,
    long Timeouts);
