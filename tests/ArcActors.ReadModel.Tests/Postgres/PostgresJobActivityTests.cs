namespace ArcActors.ReadModel.Tests.Postgres;

/// <summary>Runs the tests of <see cref="JobActivityTests"/> against a PostgreSQL read store.</summary>
[PostgresStore]
public sealed class PostgresJobActivityTests() : JobActivityTests(StoreProvider.Postgres);
