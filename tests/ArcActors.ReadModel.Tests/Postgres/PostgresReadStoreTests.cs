namespace ArcActors.ReadModel.Tests.Postgres;

/// <summary>Runs the tests of <see cref="ReadStoreTests"/> against a PostgreSQL read store.</summary>
[PostgresStore]
public sealed class PostgresReadStoreTests() : ReadStoreTests(StoreProvider.Postgres);
