namespace ArcActors.Sql.Tests.Tds;

/// <summary>SQL_Latin1_General_CP1_CI_AS as the 5-byte TDS collation: LCID 0x0409, flags 0xD0, version 0, sort id 52.</summary>
internal static class TdsCollation
{
    public const string Name = "SQL_Latin1_General_CP1_CI_AS";

    public static readonly byte[] Bytes = [0x09, 0x04, 0xD0, 0x00, 0x34];
}
