using Akka.Configuration;
using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Relay;

/// <summary>The host node's relay poll interval: a default, a range, and a clear error naming the setting.</summary>
public sealed class PollIntervalTests
{
    [Theory]
    [InlineData("", 30_000)]
    [InlineData("arcactors.host.relay.poll-interval = 500ms", 500)]
    [InlineData("arcactors.host.relay.poll-interval = 1h", 3_600_000)]
    public void PollInterval_ReadsValidValues(string text, int expectedMilliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), NodeRelay.PollInterval(ConfigurationFactory.ParseString(text)));

    [Theory]
    [InlineData("abc", "is not a duration")]
    [InlineData("0s", "out of range")]
    [InlineData("2h", "out of range")]
    [InlineData("50ms", "out of range")]
    public void PollInterval_RejectsBadValueNamingIt(string value, string expected)
    {
        var config = ConfigurationFactory.ParseString($"arcactors.host.relay.poll-interval = \"{value}\"");

        var error = Assert.Throws<NodeConfigException>(() => NodeRelay.PollInterval(config));

        Assert.Contains("arcactors.host.relay.poll-interval", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
