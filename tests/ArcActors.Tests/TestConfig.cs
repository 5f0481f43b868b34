using Akka.Configuration;
using ArcActors.Node.Runtime;

namespace ArcActors.Tests;

/// <summary>Akka configuration for specs: the node's own HOCON, every message serialized as if it crossed the network.</summary>
public static class TestConfig
{
    public static Config Embedded(string journalPath) =>
        ConfigurationFactory.ParseString("""
            akka.actor.serialize-messages = on
            akka.loglevel = WARNING
            """).WithFallback(AkkaConfig.Embedded(journalPath, "WARNING"));

    public static string TempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"arcactors-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static string FleetPath(string fileName) => Path.Combine(AppContext.BaseDirectory, "fleets", fileName);
}
