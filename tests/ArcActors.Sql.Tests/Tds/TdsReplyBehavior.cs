namespace ArcActors.Sql.Tests.Tds;

/// <summary>What the server does with a request after it is logged.</summary>
public enum TdsReplyBehavior
{
    /// <summary>Sends the result sets, or the error, and a final DONE.</summary>
    Answer,

    /// <summary>Sends nothing until the client gives up and sends ATTENTION, then acknowledges it with DONE_ATTN.</summary>
    WaitForAttention,

    /// <summary>Sends the metadata and the first rows of the first result set, then resets the TCP connection.</summary>
    ResetMidResult,

    /// <summary>Like <see cref="ResetMidResult"/>, but closes the socket with an orderly FIN instead of a reset.</summary>
    CloseMidResult,
}
