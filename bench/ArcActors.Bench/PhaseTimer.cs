using System.Diagnostics;

namespace ArcActors.Bench;

/// <summary>Accumulates wall time per named phase, with the working set and managed heap seen at the end of each phase's last occurrence.</summary>
public sealed class PhaseTimer
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, PhaseFigures> _phases = new(StringComparer.Ordinal);

    public sealed record PhaseFigures(int Count, TimeSpan Total, TimeSpan Max, long WorkingSetBytes, long ManagedHeapBytes);

    public IEnumerable<(string Name, PhaseFigures Figures)> Phases => _order.Select(name => (name, _phases[name]));

    public async Task<T> TimeAsync<T>(string phase, Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        var value = await action();
        Record(phase, clock.Elapsed);
        return value;
    }

    public async Task TimeAsync(string phase, Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        Record(phase, clock.Elapsed);
    }

    public T Time<T>(string phase, Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var value = action();
        Record(phase, clock.Elapsed);
        return value;
    }

    private void Record(string phase, TimeSpan elapsed)
    {
        var workingSet = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        if (!_phases.TryGetValue(phase, out var figures))
        {
            _order.Add(phase);
            _phases[phase] = new PhaseFigures(1, elapsed, elapsed, workingSet, heap);
            return;
        }

        _phases[phase] = new PhaseFigures(figures.Count + 1, figures.Total + elapsed, elapsed > figures.Max ? elapsed : figures.Max, workingSet, heap);
    }
}
