namespace ArcActors.ClusterBench;

/// <summary>Reads the recovery figures from the acceptance times after a kill.</summary>
public static class FailoverWatch
{
    private const double RecoveredShare = 0.9;
    private const int RecoverySpanSeconds = 3;

    /// <summary>Polls every half second until both figures are known or <paramref name="limit"/> has passed, then 5 s more for the plot.</summary>
    public static async Task<FailoverResult> WatchAsync(AcceptLog log, double killedAt, double preKillRate, TimeSpan limit)
    {
        var timeoutsBefore = log.Timeouts;
        while (log.Now - killedAt < limit.TotalSeconds)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var partial = Analyze(log, killedAt, preKillRate, timeoutsBefore);
            if (partial.RateRecoveredAfter is not null && partial.AllHostsAcceptedAfter is not null)
            {
                break;
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        return Analyze(log, killedAt, preKillRate, timeoutsBefore);
    }

    private static FailoverResult Analyze(AcceptLog log, double killedAt, double preKillRate, long timeoutsBefore)
    {
        var seconds = (int)Math.Floor(log.Now - killedAt);
        var perSecond = Enumerable.Range(0, seconds).Select(second => log.CountBetween(killedAt + second, killedAt + second + 1)).ToList();
        var threshold = RecoveredShare * preKillRate;

        double? recovered = null;
        var dip = perSecond.FindIndex(rate => rate < threshold);
        if (dip < 0 && perSecond.Count >= RecoverySpanSeconds)
        {
            recovered = 0;
        }
        else if (dip >= 0)
        {
            for (var start = dip + 1; start + RecoverySpanSeconds <= perSecond.Count; start++)
            {
                if (perSecond.Skip(start).Take(RecoverySpanSeconds).Average() >= threshold)
                {
                    recovered = start;
                    break;
                }
            }
        }

        var firstAfter = Enumerable.Range(0, log.Hosts)
            .Select(host => log.Times(host).Where(time => time > killedAt).Select(time => (double?)(time - killedAt)).FirstOrDefault())
            .ToList();
        var stalled = firstAfter.Where(after => after is null or > 1.0).Select(after => after ?? double.NaN).ToList();
        double? allAccepted = firstAfter.Any(after => after is null) ? null : firstAfter.Max();
        var median = stalled.Where(after => !double.IsNaN(after)).Order().ToList();

        return new FailoverResult(preKillRate, perSecond.Count == 0 ? 0 : perSecond.Min(), recovered, stalled.Count, allAccepted,
            median.Count == 0 ? 0 : median[median.Count / 2], perSecond, log.Timeouts - timeoutsBefore);
    }
}
