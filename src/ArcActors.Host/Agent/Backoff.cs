namespace ArcActors.Host.Agent;

/// <summary>Exponential retry delays: min, 2×min, 4×min … capped at max.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ticks = Math.Min(max.Ticks, min.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }
}
