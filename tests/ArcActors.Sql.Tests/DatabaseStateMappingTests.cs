using ArcActors.Sql.Mapping;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class DatabaseStateMappingTests
{
    [Theory]
    [InlineData("ONLINE", "Online")]
    [InlineData("RESTORING", "Restoring")]
    [InlineData("RECOVERING", "Recovering")]
    [InlineData("RECOVERY_PENDING", "RecoveryPending")]
    [InlineData("SUSPECT", "Suspect")]
    [InlineData("EMERGENCY", "Emergency")]
    [InlineData("OFFLINE", "Offline")]
    [InlineData("COPYING", "Copying")]
    [InlineData("OFFLINE_SECONDARY", "OfflineSecondary")]
    public void DatabaseStateMapping_StateDescMapsToArmState(string stateDesc, string expected)
    {
        var found = DatabaseStateMapping.TryToArmState(stateDesc, out var armState);

        Assert.True(found);
        Assert.Equal(expected, armState);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("SYNCHRONIZING")]
    public void DatabaseStateMapping_UnknownStateIsRejected(string? stateDesc)
    {
        var found = DatabaseStateMapping.TryToArmState(stateDesc, out var armState);

        Assert.False(found);
        Assert.Equal("", armState);
    }

    [Fact]
    public void DatabaseStateMapping_UnknownStateKeptAsRawText()
    {
        Assert.Equal("SYNCHRONIZING", DatabaseStateMapping.ToArmStateOrRaw("SYNCHRONIZING"));
        Assert.Equal("", DatabaseStateMapping.ToArmStateOrRaw(null));
    }
}
