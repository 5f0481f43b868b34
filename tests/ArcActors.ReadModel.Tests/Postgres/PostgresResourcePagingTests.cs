namespace ArcActors.ReadModel.Tests.Postgres;

/// <summary>Runs the tests of <see cref="ResourcePagingTests"/> against a PostgreSQL read store.</summary>
[PostgresStore]
public sealed class PostgresResourcePagingTests() : ResourcePagingTests(StoreProvider.Postgres);
