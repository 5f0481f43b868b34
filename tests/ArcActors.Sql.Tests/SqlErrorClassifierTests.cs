using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Errors;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class SqlErrorClassifierTests
{
    [Theory]
    [InlineData(18456, ProbeStatus.LoginFailed)]
    [InlineData(229, ProbeStatus.PermissionDenied)]
    [InlineData(300, ProbeStatus.PermissionDenied)]
    [InlineData(230, ProbeStatus.PermissionDenied)]
    [InlineData(262, ProbeStatus.PermissionDenied)]
    [InlineData(297, ProbeStatus.PermissionDenied)]
    [InlineData(916, ProbeStatus.PermissionDenied)]
    [InlineData(2, ProbeStatus.Unreachable)]
    [InlineData(40, ProbeStatus.Unreachable)]
    [InlineData(53, ProbeStatus.Unreachable)]
    [InlineData(10060, ProbeStatus.Unreachable)]
    [InlineData(10061, ProbeStatus.Unreachable)]
    [InlineData(11001, ProbeStatus.Unreachable)]
    [InlineData(-2, ProbeStatus.Failed)]
    [InlineData(1205, ProbeStatus.Failed)]
    [InlineData(208, ProbeStatus.Failed)]
    public void SqlErrorClassifier_NumberMapsToStatus(int number, ProbeStatus expected)
    {
        Assert.Equal(expected, SqlErrorClassifier.StatusFor(number));
    }

    [Theory]
    [InlineData(-2, true)]
    [InlineData(1205, true)]
    [InlineData(53, true)]
    [InlineData(10061, true)]
    [InlineData(11001, true)]
    [InlineData(18456, false)]
    [InlineData(916, false)]
    [InlineData(208, false)]
    public void SqlErrorClassifier_TransientNumbers(int number, bool expected)
    {
        Assert.Equal(expected, SqlErrorClassifier.IsTransient(number));
    }

    [Theory]
    [InlineData(18456, true)]
    [InlineData(-2, true)]
    [InlineData(1205, true)]
    [InlineData(916, true)]
    [InlineData(976, true)]
    [InlineData(208, false)]
    [InlineData(50000, false)]
    public void SqlErrorClassifier_KnownNumbers(int number, bool expected)
    {
        Assert.Equal(expected, SqlErrorClassifier.IsKnown(number));
    }

    [Theory]
    [InlineData(916, true)]
    [InlineData(229, true)]
    [InlineData(942, true)]
    [InlineData(976, true)]
    [InlineData(18456, false)]
    [InlineData(10061, false)]
    public void SqlErrorClassifier_DatabaseAccessErrors(int number, bool expected)
    {
        Assert.Equal(expected, SqlErrorClassifier.IsDatabaseAccessError(number));
    }

    [Fact]
    public void SqlErrorClassifier_DecidingNumberPrefersKnownNumber()
    {
        Assert.Equal(18456, SqlErrorClassifier.DecidingNumber([50000, 18456, 53]));
        Assert.Equal(50000, SqlErrorClassifier.DecidingNumber([50000, 208]));
        Assert.Equal(0, SqlErrorClassifier.DecidingNumber([]));
    }

    [Fact]
    public void SqlErrorClassifier_TimeoutMessageSaysTimedOut()
    {
        var message = SqlErrorClassifier.MessageFor(-2, "instance A", "Execution Timeout Expired.");

        Assert.Contains("timed out", message);
        Assert.Contains("instance A", message);
        Assert.Contains("-2", message);
    }
}
