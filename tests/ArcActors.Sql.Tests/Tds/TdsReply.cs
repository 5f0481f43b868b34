namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// The server's reply to one request. <see cref="ChangedDatabase"/>, when set, is reported with an
/// ENVCHANGE and a DONE before the result sets, as SQL Server does for a USE statement.
/// </summary>
public sealed record TdsReply
{
    public IReadOnlyList<TdsResultSet> ResultSets { get; init; } = [];
    public TdsError? Error { get; init; }
    public TdsReplyBehavior Behavior { get; init; } = TdsReplyBehavior.Answer;
    public string? ChangedDatabase { get; init; }

    /// <summary>Rows sent before the connection drops, for the two mid-result behaviors.</summary>
    public int RowsBeforeDrop { get; init; } = 1;

    public static TdsReply Results(params TdsResultSet[] resultSets) => new() { ResultSets = resultSets };

    public static TdsReply Failure(TdsError error) => new() { Error = error };

    public static TdsReply NoAnswer { get; } = new() { Behavior = TdsReplyBehavior.WaitForAttention };
}
