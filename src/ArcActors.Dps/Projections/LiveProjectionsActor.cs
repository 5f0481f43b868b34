using Akka.Actor;
using Akka.Streams;

namespace ArcActors.Dps.Projections;

/// <summary>
/// Actor that runs the live projections for as long as it lives. On a read store that every cloud node
/// shares (PostgreSQL) it runs as a cluster singleton over the dps role, so one node reads the journal
/// and writes the store. When that node leaves or dies, the singleton starts on the oldest remaining
/// node and resumes from the stored offsets.
/// </summary>
public sealed class LiveProjectionsActor : ReceiveActor
{
    private readonly ProjectionRunner _runner;
    private readonly IReadOnlyList<string> _tags;
    private IReadOnlyList<UniqueKillSwitch> _streams = [];

    public LiveProjectionsActor(ProjectionRunner runner, IReadOnlyList<string> tags)
    {
        _runner = runner;
        _tags = tags;
    }

    public static Props Props(ProjectionRunner runner, IReadOnlyList<string> tags) =>
        Akka.Actor.Props.Create(() => new LiveProjectionsActor(runner, tags));

    protected override void PreStart() => _streams = _runner.StartLive(_tags);

    protected override void PostStop()
    {
        foreach (var stream in _streams)
        {
            stream.Shutdown();
        }
    }
}
