namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Turns a <see cref="TdsReply"/> into the token stream SQL Server would send. A batch ends each
/// result set with DONE; an RPC ends them with DONEINPROC and closes with RETURNSTATUS and DONEPROC.
/// </summary>
internal static class TdsReplyEncoder
{
    public static byte[] Encode(TdsReply reply, TdsRequestKind kind, string currentDatabase)
    {
        var tokens = new TdsTokenWriter();
        if (reply.ChangedDatabase is not null)
        {
            tokens.DatabaseChange(reply.ChangedDatabase, currentDatabase);
            tokens.Done(TdsDoneStatus.More);
        }

        if (reply.Error is not null)
        {
            tokens.Error(reply.Error);
            EndWithError(tokens, kind);
            return tokens.ToArray();
        }

        for (var i = 0; i < reply.ResultSets.Count; i++)
        {
            var resultSet = reply.ResultSets[i];
            tokens.ColMetadata(resultSet.Columns);
            foreach (var row in resultSet.Rows)
            {
                tokens.Row(resultSet.Columns, row);
            }

            var isLast = i == reply.ResultSets.Count - 1;
            EndResultSet(tokens, kind, isLast, resultSet.Rows.Count);
        }

        if (reply.ResultSets.Count == 0)
        {
            EndResultSet(tokens, kind, isLast: true, rowCount: 0);
        }

        return tokens.ToArray();
    }

    private static void EndResultSet(TdsTokenWriter tokens, TdsRequestKind kind, bool isLast, int rowCount)
    {
        if (kind == TdsRequestKind.Batch)
        {
            tokens.Done(TdsDoneStatus.Count | (isLast ? TdsDoneStatus.Final : TdsDoneStatus.More), rowCount);
            return;
        }

        tokens.DoneInProc(TdsDoneStatus.Count | TdsDoneStatus.More, rowCount);
        if (isLast)
        {
            tokens.ReturnStatus(0);
            tokens.DoneProc(TdsDoneStatus.Final);
        }
    }

    private static void EndWithError(TdsTokenWriter tokens, TdsRequestKind kind)
    {
        if (kind == TdsRequestKind.Batch)
        {
            tokens.Done(TdsDoneStatus.Error);
            return;
        }

        tokens.DoneInProc(TdsDoneStatus.Error | TdsDoneStatus.More);
        tokens.ReturnStatus(0);
        tokens.DoneProc(TdsDoneStatus.Error);
    }
}
