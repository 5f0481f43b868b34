namespace ArcActors.Sql.Tests.Tds;

/// <summary>How a request reached the server: a SQL batch, or an RPC such as sp_executesql.</summary>
public enum TdsRequestKind
{
    Batch,
    Rpc,
}
