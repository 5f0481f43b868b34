using ArcActors.Sql.Mapping;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class RecoveryModelMappingTests
{
    [Theory]
    [InlineData("FULL", "Full")]
    [InlineData("BULK_LOGGED", "Bulk-logged")]
    [InlineData("SIMPLE", "Simple")]
    public void RecoveryModelMapping_RecoveryModelMapsToArmMode(string recoveryModelDesc, string expected)
    {
        var found = RecoveryModelMapping.TryToArmRecoveryMode(recoveryModelDesc, out var armMode);

        Assert.True(found);
        Assert.Equal(expected, armMode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("BULK LOGGED")]
    public void RecoveryModelMapping_UnknownModelIsRejected(string? recoveryModelDesc)
    {
        var found = RecoveryModelMapping.TryToArmRecoveryMode(recoveryModelDesc, out var armMode);

        Assert.False(found);
        Assert.Equal("", armMode);
    }
}
