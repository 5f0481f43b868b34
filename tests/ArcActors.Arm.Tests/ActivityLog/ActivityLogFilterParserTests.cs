using ArcActors.Arm.ActivityLog;

namespace ArcActors.Arm.Tests.ActivityLog;

public sealed class ActivityLogFilterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 15, 12, 0, 0, TimeSpan.Zero);
    private const string InstanceUri =
        "/subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077/resourceGroups/field-scenarios/providers/Microsoft.AzureArcData/sqlServerInstances/sql-prod-01_SALES";

    private static ActivityLogFilter Valid(string filter)
    {
        var result = ActivityLogFilterParser.Parse(filter, Now);
        return Assert.IsType<ActivityLogFilterResult.Valid>(result).Filter;
    }

    private static ActivityLogFilterResult.Invalid Invalid(string? filter) =>
        Assert.IsType<ActivityLogFilterResult.Invalid>(ActivityLogFilterParser.Parse(filter, Now));

    [Fact]
    public void FilterParser_ReadsTimeRangeAndResourceUri()
    {
        var filter = Valid($"eventTimestamp ge '2026-11-30T00:00:00Z' and eventTimestamp le '2026-12-01T00:00:00Z' and resourceUri eq '{InstanceUri}'");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), filter.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), filter.To);
        Assert.Equal(InstanceUri, filter.ResourceUri);
        Assert.Null(filter.ResourceGroupName);
    }

    [Fact]
    public void FilterParser_ReadsResourceGroupName()
    {
        var filter = Valid("eventTimestamp ge '2026-11-30T00:00:00Z' and resourceGroupName eq 'field-scenarios'");

        Assert.Equal("field-scenarios", filter.ResourceGroupName);
        Assert.Null(filter.ResourceUri);
    }

    [Fact]
    public void FilterParser_MissingEndMeansNow()
    {
        var filter = Valid("eventTimestamp ge '2026-11-30T00:00:00Z'");

        Assert.Equal(Now, filter.To);
    }

    [Fact]
    public void FilterParser_KeywordsIgnoreCaseAndExtraSpaces()
    {
        var filter = Valid("  EventTimestamp GE '2026-11-30T00:00:00Z'   AND   ResourceGroupName Eq 'rg'  ");

        Assert.Equal("rg", filter.ResourceGroupName);
    }

    [Fact]
    public void FilterParser_OffsetTimeConvertedToUtc()
    {
        var filter = Valid("eventTimestamp ge '2026-11-30T02:00:00+02:00' and eventTimestamp le '2026-11-30T05:30:00.1234567Z'");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), filter.From);
        Assert.Equal(TimeSpan.Zero, filter.From.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 5, 30, 0, TimeSpan.Zero).AddTicks(1234567), filter.To);
    }

    [Fact]
    public void FilterParser_DoubledQuoteInValue()
    {
        var filter = Valid("eventTimestamp ge '2026-11-30T00:00:00Z' and resourceGroupName eq 'O''Brien'");

        Assert.Equal("O'Brien", filter.ResourceGroupName);
    }

    [Fact]
    public void FilterParser_ChannelsSelectOperation()
    {
        Assert.True(Valid("eventTimestamp ge '2026-11-30T00:00:00Z' and eventChannels eq 'Admin, Operation'").IncludesOperationChannel);
        Assert.False(Valid("eventTimestamp ge '2026-11-30T00:00:00Z' and eventChannels eq 'Admin'").IncludesOperationChannel);
        Assert.True(Valid("eventTimestamp ge '2026-11-30T00:00:00Z'").IncludesOperationChannel);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eventTimestamp le '2026-12-01T00:00:00Z'")]
    [InlineData("resourceGroupName eq 'rg'")]
    public void FilterParser_StartTimeRequired(string? filter)
    {
        var error = Invalid(filter);

        Assert.Equal("InvalidFilterInQueryString", error.Code);
        Assert.Contains("eventTimestamp ge", error.Message, StringComparison.Ordinal);
        Assert.Contains(ActivityLogFilterParser.Example, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterParser_RangeOver90DaysRejected()
    {
        var error = Invalid("eventTimestamp ge '2026-01-01T00:00:00Z' and eventTimestamp le '2026-04-02T00:00:00Z'");

        Assert.Contains("90 days", error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-01-01T00:00:00Z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterParser_RangeOfExactly90DaysAccepted()
    {
        var filter = Valid("eventTimestamp ge '2026-01-01T00:00:00Z' and eventTimestamp le '2026-04-01T00:00:00Z'");

        Assert.Equal(TimeSpan.FromDays(90), filter.To - filter.From);
    }

    [Fact]
    public void FilterParser_OpenRangeOver90DaysRejected()
    {
        var error = Invalid("eventTimestamp ge '2026-01-01T00:00:00Z'");

        Assert.Contains("the time of the request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterParser_EndBeforeStartRejected()
    {
        var error = Invalid("eventTimestamp ge '2026-12-01T00:00:00Z' and eventTimestamp le '2026-11-30T00:00:00Z'");

        Assert.Contains("after the end time", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eventTimestamp ge '2026-11-30T00:00:00Z' and correlationId eq 'x'", "correlationId")]
    [InlineData("eventTimestamp gt '2026-11-30T00:00:00Z'", "'gt'")]
    [InlineData("eventTimestamp ge 'yesterday'", "'yesterday'")]
    [InlineData("eventTimestamp ge '2026-11-30T00:00:00Z' or resourceGroupName eq 'rg'", "'or'")]
    [InlineData("eventTimestamp ge '2026-11-30T00:00:00Z' resourceGroupName eq 'rg'", "Expected 'and'")]
    [InlineData("eventTimestamp ge 2026-11-30", "single quotes")]
    [InlineData("eventTimestamp ge '2026-11-30T00:00:00Z", "single quotes")]
    [InlineData("eventTimestamp ge '2026-11-30T00:00:00Z' and resourceGroupName ne 'rg'", "use eq")]
    [InlineData("eventTimestamp ge '2026-11-30T00:00:00Z' and resourceUri eq 'sqlServerInstances/x'", "'/subscriptions/'")]
    [InlineData("eventTimestamp ge '2026-11-30T00:00:00Z' and resourceGroupName eq ''", "empty")]
    [InlineData("eventTimestamp ge '2026-11-30T00:00:00Z' and eventTimestamp ge '2026-11-30T01:00:00Z'", "repeats")]
    [InlineData("eventTimestamp ge '2026-11-30T00:00:00Z' and resourceGroupName eq 'rg' and resourceUri eq '/subscriptions/s/resourceGroups/rg'", "not both")]
    [InlineData("(eventTimestamp ge '2026-11-30T00:00:00Z')", "Expected a condition")]
    public void FilterParser_RejectsAndNamesBadPart(string filter, string named)
    {
        var error = Invalid(filter);

        Assert.Equal("InvalidFilterInQueryString", error.Code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains(ActivityLogFilterParser.Example, error.Message, StringComparison.Ordinal);
    }
}
