using Xunit.Sdk;

namespace ArcActors.ReadModel.Tests;

/// <summary>The theory counterpart of <see cref="StoreFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("ArcActors.ReadModel.Tests.StoreTheoryDiscoverer", "ArcActors.ReadModel.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute;
