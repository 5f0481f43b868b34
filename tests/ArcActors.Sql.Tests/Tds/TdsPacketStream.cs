using System.Buffers.Binary;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Reads and writes TDS packets: an 8-byte header (type, status, big-endian length, SPID, packet id,
/// window) followed by payload. A message ends with the packet whose status has the EOM bit (0x01).
/// </summary>
internal sealed class TdsPacketStream
{
    public const int HeaderLength = 8;
    private const byte EndOfMessage = 0x01;

    /// <summary>The TDS default packet size, used until LOGIN7 negotiates another.</summary>
    public const int DefaultPacketSize = 4096;

    private readonly Stream _stream;
    private byte _nextPacketId = 1;

    public TdsPacketStream(Stream stream) => _stream = stream;

    /// <summary>
    /// Size of the packets the server writes, header included; set to the size the login negotiated.
    /// SqlClient 7.1.2 failed to skip an nvarchar(max) value that spanned 4096-byte packets after
    /// negotiating 8000, so every packet but the last of a message must have the negotiated size.
    /// </summary>
    public int PacketSize { get; set; } = DefaultPacketSize;

    /// <summary>Reads packets up to the end of a message; returns null when the client closed the connection.</summary>
    public async Task<TdsMessage?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var payload = new MemoryStream();
        var header = new byte[HeaderLength];
        while (true)
        {
            if (!await ReadExactlyOrEndAsync(header, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
            if (length < HeaderLength)
            {
                throw new InvalidDataException($"TDS packet length {length} is shorter than its {HeaderLength}-byte header.");
            }

            var body = new byte[length - HeaderLength];
            if (!await ReadExactlyOrEndAsync(body, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            payload.Write(body);
            if ((header[1] & EndOfMessage) != 0)
            {
                return new TdsMessage(header[0], payload.ToArray());
            }
        }
    }

    /// <summary>Writes a tabular-result message split into packets; <paramref name="endOfMessage"/> false leaves the last packet open.</summary>
    public async Task WriteMessageAsync(byte[] payload, bool endOfMessage, CancellationToken cancellationToken)
    {
        var maxBody = PacketSize - HeaderLength;
        var offset = 0;
        do
        {
            var bodyLength = Math.Min(maxBody, payload.Length - offset);
            var isLast = offset + bodyLength == payload.Length;
            var packet = new byte[HeaderLength + bodyLength];
            packet[0] = TdsPacketType.TabularResult;
            packet[1] = isLast && endOfMessage ? EndOfMessage : (byte)0;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 51);
            packet[6] = _nextPacketId++;
            payload.AsSpan(offset, bodyLength).CopyTo(packet.AsSpan(HeaderLength));

            await _stream.WriteAsync(packet, cancellationToken).ConfigureAwait(false);
            offset += bodyLength;
        }
        while (offset < payload.Length);

        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await _stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }
}
