using Xunit.Abstractions;
using Xunit.Sdk;

namespace ArcActors.ReadModel.Tests;

/// <summary>Discovers <see cref="StoreTheoryAttribute"/> tests, skipping those of a PostgreSQL class without a server.</summary>
public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        if (PostgresStoreAttribute.SkipReason(testMethod) is { } reason)
        {
            return [PostgresStoreAttribute.Skipped(DiagnosticMessageSink, discoveryOptions, testMethod, reason)];
        }

        return base.Discover(discoveryOptions, testMethod, theoryAttribute);
    }
}
