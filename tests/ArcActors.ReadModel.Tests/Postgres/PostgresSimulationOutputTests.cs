namespace ArcActors.ReadModel.Tests.Postgres;

/// <summary>Runs the tests of <see cref="SimulationOutputTests"/> against a PostgreSQL read store.</summary>
[PostgresStore]
public sealed class PostgresSimulationOutputTests() : SimulationOutputTests(StoreProvider.Postgres);
