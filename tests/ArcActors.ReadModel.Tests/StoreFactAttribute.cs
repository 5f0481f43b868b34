using Xunit.Sdk;

namespace ArcActors.ReadModel.Tests;

/// <summary>
/// A fact that runs on the store of its test class. In a class marked <see cref="PostgresStoreAttribute"/>
/// it is skipped when no PostgreSQL test server is configured.
/// </summary>
[XunitTestCaseDiscoverer("ArcActors.ReadModel.Tests.StoreFactDiscoverer", "ArcActors.ReadModel.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;
