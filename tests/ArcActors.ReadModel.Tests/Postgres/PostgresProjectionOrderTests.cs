namespace ArcActors.ReadModel.Tests.Postgres;

/// <summary>Runs the tests of <see cref="ProjectionOrderTests"/> against a PostgreSQL read store.</summary>
[PostgresStore]
public sealed class PostgresProjectionOrderTests() : ProjectionOrderTests(StoreProvider.Postgres);
