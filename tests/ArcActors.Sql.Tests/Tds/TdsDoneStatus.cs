namespace ArcActors.Sql.Tests.Tds;

/// <summary>Status bits of the DONE, DONEPROC and DONEINPROC tokens ([MS-TDS] 2.2.7.6).</summary>
[Flags]
internal enum TdsDoneStatus : ushort
{
    Final = 0x00,
    More = 0x01,
    Error = 0x02,
    Count = 0x10,
    Attention = 0x20,
}
