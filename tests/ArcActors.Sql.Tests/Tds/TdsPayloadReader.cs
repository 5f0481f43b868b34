using System.Buffers.Binary;
using System.Text;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>A cursor over a client message payload that reads little-endian integers and UTF-16 text.</summary>
internal sealed class TdsPayloadReader
{
    private readonly byte[] _payload;

    public TdsPayloadReader(byte[] payload) => _payload = payload;

    public int Position { get; private set; }

    public bool AtEnd => Position >= _payload.Length;

    public byte Byte() => _payload[Position++];

    public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public ReadOnlySpan<byte> Take(int count)
    {
        if (Position + count > _payload.Length)
        {
            throw new InvalidDataException($"Message of {_payload.Length} bytes ends before {count} bytes at offset {Position}.");
        }

        var span = _payload.AsSpan(Position, count);
        Position += count;
        return span;
    }

    public string Text(int byteCount) => Encoding.Unicode.GetString(Take(byteCount));

    /// <summary>Reads text prefixed with its length in characters as one byte.</summary>
    public string BVarChar() => Text(Byte() * 2);

    /// <summary>Skips the ALL_HEADERS block: a 4-byte total length that counts itself.</summary>
    public void SkipAllHeaders()
    {
        var total = (int)UInt32();
        Take(total - 4);
    }
}
