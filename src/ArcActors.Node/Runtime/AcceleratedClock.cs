namespace ArcActors.Node.Runtime;

/// <summary>
/// A clock that starts at <c>start</c> when it is created and then runs <c>speed</c> times faster
/// than real time, so a simulated host node lives through hours of fleet time in seconds. It reads
/// real time from a monotonic timestamp, so changes of the system clock do not move it.
/// </summary>
/// <remarks>
/// NOTE: only <see cref="GetUtcNow"/> is accelerated. Timers created through this provider, and Akka
/// timers, run in real time, so callers divide their intervals by <see cref="Speed"/>.
/// </remarks>
public sealed class AcceleratedClock : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly long _startedAt;

    public AcceleratedClock(DateTimeOffset start, double speed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _start = start;
        Speed = speed;
        _startedAt = System.GetTimestamp();
    }

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; }

    public override DateTimeOffset GetUtcNow()
    {
        var real = System.GetElapsedTime(_startedAt);
        return _start + TimeSpan.FromTicks((long)(real.Ticks * Speed));
    }

    /// <summary>Returns the real time in which <paramref name="simulated"/> passes on this clock.</summary>
    public TimeSpan ToRealTime(TimeSpan simulated) => TimeSpan.FromTicks(Math.Max(1, (long)(simulated.Ticks / Speed)));
}
