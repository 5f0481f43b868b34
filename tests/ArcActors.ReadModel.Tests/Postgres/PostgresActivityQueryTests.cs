namespace ArcActors.ReadModel.Tests.Postgres;

/// <summary>Runs the tests of <see cref="ActivityQueryTests"/> against a PostgreSQL read store.</summary>
[PostgresStore]
public sealed class PostgresActivityQueryTests() : ActivityQueryTests(StoreProvider.Postgres);
