namespace ArcActors.Sql.Tests.Tds;

/// <summary>SQL Server column types the test server can send, each as its nullable TDS type (INTN, BITN, FLTN and so on).</summary>
public enum TdsType
{
    NVarChar,

    /// <summary>varchar in the column collation's code page (1252 for the test server's collation).</summary>
    VarChar,
    TinyInt,
    SmallInt,
    Int,
    BigInt,
    Bit,
    Float,
    DateTime2,
    DateTimeOffset,
    UniqueIdentifier,
}
