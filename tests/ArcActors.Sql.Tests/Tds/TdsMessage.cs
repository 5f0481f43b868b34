namespace ArcActors.Sql.Tests.Tds;

/// <summary>One TDS message: the packet type and the payloads of its packets joined, headers removed.</summary>
internal sealed record TdsMessage(byte Type, byte[] Payload);
