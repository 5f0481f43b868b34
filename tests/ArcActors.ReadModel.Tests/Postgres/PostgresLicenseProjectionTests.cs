namespace ArcActors.ReadModel.Tests.Postgres;

/// <summary>Runs the tests of <see cref="LicenseProjectionTests"/> against a PostgreSQL read store.</summary>
[PostgresStore]
public sealed class PostgresLicenseProjectionTests() : LicenseProjectionTests(StoreProvider.Postgres);
