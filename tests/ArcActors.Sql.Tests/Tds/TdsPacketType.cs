namespace ArcActors.Sql.Tests.Tds;

/// <summary>Packet header types of [MS-TDS] 2.2.3.1.1 that the test server reads or writes.</summary>
internal static class TdsPacketType
{
    public const byte SqlBatch = 0x01;
    public const byte Rpc = 0x03;
    public const byte TabularResult = 0x04;
    public const byte Attention = 0x06;
    public const byte Login7 = 0x10;
    public const byte PreLogin = 0x12;
}
