using ArcActors.Tests.Postgres;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ArcActors.ReadModel.Tests;

/// <summary>
/// Marks a test class that runs the tests of its base class against a PostgreSQL read store. Their
/// <see cref="StoreFactAttribute"/> and <see cref="StoreTheoryAttribute"/> tests are skipped when
/// <see cref="PostgresDatabase.ServerVariable"/> is not set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PostgresStoreAttribute : Attribute
{
    /// <summary>Returns why <paramref name="testMethod"/> cannot run, or null when it can.</summary>
    internal static string? SkipReason(ITestMethod testMethod)
    {
        var onPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(PostgresStoreAttribute)).Any();
        return onPostgres ? new PostgresFactAttribute().Skip : null;
    }

    internal static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}
