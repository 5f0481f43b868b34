namespace ArcActors.Node.Runtime;

/// <summary>A clock that moves only when the simulation sets it, so days of fleet time take seconds.</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}
