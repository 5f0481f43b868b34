using System.Buffers.Binary;
using System.Text;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Reads a LOGIN7 message ([MS-TDS] 2.2.6.4). The fixed part is 94 bytes; strings are given as
/// (offset, length in characters) pairs that point into the message. The password arrives with each
/// byte's nibbles swapped and then XORed with 0xA5, so decoding XORs first and swaps after.
/// </summary>
internal static class Login7Reader
{
    private const int FixedLength = 94;
    private const int HostNameField = 36;
    private const int UserNameField = 40;
    private const int PasswordField = 44;
    private const int AppNameField = 48;
    private const int DatabaseField = 68;
    private const byte PasswordMask = 0xA5;

    public static TdsLogin Read(byte[] payload)
    {
        if (payload.Length < FixedLength)
        {
            throw new InvalidDataException($"LOGIN7 message of {payload.Length} bytes is shorter than its {FixedLength}-byte fixed part.");
        }

        return new TdsLogin(
            UserName: TextAt(payload, UserNameField),
            Password: Encoding.Unicode.GetString(DecodePassword(BytesAt(payload, PasswordField))),
            Database: TextAt(payload, DatabaseField),
            ApplicationName: TextAt(payload, AppNameField),
            HostName: TextAt(payload, HostNameField),
            TdsVersion: BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(4)),
            PacketSize: BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(8)));
    }

    /// <summary>Reverses the client's obfuscation: XOR with 0xA5, then swap the high and low nibbles.</summary>
    public static byte[] DecodePassword(ReadOnlySpan<byte> encoded)
    {
        var decoded = new byte[encoded.Length];
        for (var i = 0; i < encoded.Length; i++)
        {
            var unmasked = (byte)(encoded[i] ^ PasswordMask);
            decoded[i] = (byte)((unmasked << 4) | (unmasked >> 4));
        }

        return decoded;
    }

    private static string TextAt(byte[] payload, int field) => Encoding.Unicode.GetString(BytesAt(payload, field));

    private static ReadOnlySpan<byte> BytesAt(byte[] payload, int field)
    {
        var offset = BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(field));
        var characters = BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(field + 2));
        return payload.AsSpan(offset, characters * 2);
    }
}
