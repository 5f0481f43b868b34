namespace ArcActors.ReadModel.Tests;

/// <summary>Database a test's read store runs on.</summary>
public enum StoreProvider
{
    Sqlite,
    Postgres,
}
