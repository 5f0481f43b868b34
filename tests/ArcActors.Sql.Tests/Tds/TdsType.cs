namespace ArcActors.Sql.Tests.Tds;

/// <summary>SQL Server column types the test server can send, each as its nullable TDS type (INTN, BITN, FLTN and so on).</summary>
public enum TdsType
{
    NVarChar,
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
