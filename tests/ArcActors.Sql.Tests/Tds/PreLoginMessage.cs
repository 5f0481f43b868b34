using System.Buffers.Binary;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Reads and writes PRELOGIN payloads ([MS-TDS] 2.2.6.5): a list of (option, big-endian offset,
/// big-endian length) entries ended by 0xFF, followed by the option data.
/// </summary>
internal static class PreLoginMessage
{
    public const byte EncryptOff = 0x00;
    public const byte EncryptOn = 0x01;
    public const byte EncryptNotSupported = 0x02;
    public const byte EncryptRequired = 0x03;

    private const byte VersionOption = 0x00;
    private const byte EncryptionOption = 0x01;
    private const byte InstanceOption = 0x02;
    private const byte MarsOption = 0x04;
    private const byte Terminator = 0xFF;
    private const int EntryLength = 5;

    /// <summary>Returns the ENCRYPTION byte the client sent, or null when the option is missing.</summary>
    public static byte? ClientEncryption(byte[] payload)
    {
        for (var entry = 0; entry < payload.Length && payload[entry] != Terminator; entry += EntryLength)
        {
            if (payload[entry] == EncryptionOption)
            {
                var offset = BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(entry + 1));
                return payload[offset];
            }
        }

        return null;
    }

    /// <summary>Builds the server's response: its version, ENCRYPT_NOT_SUP, instance accepted and MARS off.</summary>
    public static byte[] ServerResponse(Version productVersion)
    {
        var version = new byte[6];
        version[0] = (byte)productVersion.Major;
        version[1] = (byte)productVersion.Minor;
        BinaryPrimitives.WriteUInt16BigEndian(version.AsSpan(2), (ushort)productVersion.Build);

        (byte Option, byte[] Data)[] options =
        [
            (VersionOption, version),
            (EncryptionOption, [EncryptNotSupported]),
            (InstanceOption, [0x00]),
            (MarsOption, [0x00]),
        ];

        var dataOffset = options.Length * EntryLength + 1;
        var header = new MemoryStream();
        var data = new MemoryStream();
        foreach (var (option, bytes) in options)
        {
            header.WriteByte(option);
            WriteBigEndian(header, (ushort)(dataOffset + data.Length));
            WriteBigEndian(header, (ushort)bytes.Length);
            data.Write(bytes);
        }

        header.WriteByte(Terminator);
        header.Write(data.ToArray());
        return header.ToArray();
    }

    private static void WriteBigEndian(Stream stream, ushort value)
    {
        stream.WriteByte((byte)(value >> 8));
        stream.WriteByte((byte)value);
    }
}
