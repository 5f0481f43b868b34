using System.Diagnostics;

namespace ArcActors.ClusterBench;

/// <summary>
/// Times of every accepted upload per host, in seconds since the log was created, and counts of
/// rejections and reply timeouts. Safe to write from many host loops at once.
/// </summary>
public sealed class AcceptLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<double>[] _accepted;
    private long _rejected;
    private long _timeouts;
    private long _eventsPersisted;
    private string? _firstRejection;

    public AcceptLog(int hosts)
    {
        _accepted = Enumerable.Range(0, hosts).Select(_ => new List<double>()).ToArray();
    }

    /// <summary>Seconds since the log was created.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    public long Rejected => Interlocked.Read(ref _rejected);
    public long Timeouts => Interlocked.Read(ref _timeouts);
    public long EventsPersisted => Interlocked.Read(ref _eventsPersisted);
    public string? FirstRejection => _firstRejection;
    public int Hosts => _accepted.Length;

    public void Accept(int host, int eventsPersisted)
    {
        var now = Now;
        Interlocked.Add(ref _eventsPersisted, eventsPersisted);
        var times = _accepted[host];
        lock (times)
        {
            times.Add(now);
        }
    }

    public void Reject(string message)
    {
        Interlocked.Increment(ref _rejected);
        Interlocked.CompareExchange(ref _firstRejection, message, null);
    }

    public void Timeout() => Interlocked.Increment(ref _timeouts);

    /// <summary>Accepted uploads of every host with a time in [from, to).</summary>
    public int CountBetween(double from, double to) => Enumerable.Range(0, Hosts).Sum(host => Times(host).Count(time => time >= from && time < to));

    /// <summary>A copy of the acceptance times of <paramref name="host"/> (0-based).</summary>
    public IReadOnlyList<double> Times(int host)
    {
        var times = _accepted[host];
        lock (times)
        {
            return times.ToArray();
        }
    }
}
