namespace ArcActors.Arm.ActivityLog;

/// <summary>The outcome of parsing a <c>$filter</c>: a filter, or an error code and message to return with status 400.</summary>
internal abstract record ActivityLogFilterResult
{
    public sealed record Valid(ActivityLogFilter Filter) : ActivityLogFilterResult;

    public sealed record Invalid(string Code, string Message) : ActivityLogFilterResult;
}
