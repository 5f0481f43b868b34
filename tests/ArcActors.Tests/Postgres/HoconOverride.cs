using ArcActors.Node.Runtime;

namespace ArcActors.Tests.Postgres;

/// <summary>
/// Sets <see cref="AkkaConfig.OverrideVariable"/> for the lifetime of the object and then restores
/// it. EmbeddedNode and SimulateCommand take no persistence provider, so this is how their journal
/// moves to PostgreSQL. The variable is process-wide, which is safe only because xunit.runner.json
/// runs the test collections one at a time.
/// </summary>
public sealed class HoconOverride : IDisposable
{
    private readonly string? _previous;

    public HoconOverride(string hocon)
    {
        _previous = Environment.GetEnvironmentVariable(AkkaConfig.OverrideVariable);
        Environment.SetEnvironmentVariable(AkkaConfig.OverrideVariable, hocon);
    }

    public static HoconOverride Postgres(PostgresDatabase database) =>
        new(AkkaConfig.PersistenceOverride(AkkaConfig.Postgres, database.ConnectionString));

    public void Dispose() => Environment.SetEnvironmentVariable(AkkaConfig.OverrideVariable, _previous);
}
