using System.Diagnostics;

namespace ArcActors.Bench;

/// <summary>
/// Samples the process working set and the managed heap every 100 ms on a background task, so
/// the report can show when the peak happened and how much of it was managed objects.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private MemorySampler() => _loop = Task.Run(SampleUntilStoppedAsync);

    /// <summary>Highest working set seen, in bytes, and the seconds since the sampler started when it was seen.</summary>
    public (long Bytes, double AtSeconds) PeakWorkingSet { get; private set; }

    /// <summary>Highest managed heap size seen (<see cref="GC.GetTotalMemory(bool)"/> without a collection), in bytes.</summary>
    public long PeakManagedHeapBytes { get; private set; }

    public static MemorySampler Start() => new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleUntilStoppedAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            Sample();
        }
    }

    private void Sample()
    {
        var workingSet = Environment.WorkingSet;
        if (workingSet > PeakWorkingSet.Bytes)
        {
            PeakWorkingSet = (workingSet, _clock.Elapsed.TotalSeconds);
        }

        PeakManagedHeapBytes = Math.Max(PeakManagedHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
    }
}
