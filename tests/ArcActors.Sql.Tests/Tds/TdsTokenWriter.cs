using System.Text;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Builds a server token stream ([MS-TDS] 2.2.7) in TDS 7.4 layout. Integers are little-endian,
/// text is UTF-16LE, and row values go through <see cref="TdsValueWriter"/>.
/// </summary>
internal sealed class TdsTokenWriter
{
    private const byte LoginAckToken = 0xAD;
    private const byte EnvChangeToken = 0xE3;
    private const byte ErrorToken = 0xAA;
    private const byte ColMetadataToken = 0x81;
    private const byte RowToken = 0xD1;
    private const byte DoneToken = 0xFD;
    private const byte DoneProcToken = 0xFE;
    private const byte DoneInProcToken = 0xFF;
    private const byte ReturnStatusToken = 0x79;

    private const byte EnvDatabase = 1;
    private const byte EnvPacketSize = 4;
    private const byte EnvSqlCollation = 7;

    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;

    public TdsTokenWriter() => _writer = new BinaryWriter(_buffer, Encoding.Unicode);

    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>Writes LOGINACK for TDS 7.4 (bytes 74 00 00 04) and the given program version.</summary>
    public void LoginAck(string programName, Version version)
    {
        var body = new TdsTokenWriter();
        body._writer.Write((byte)1);
        body._writer.Write([0x74, 0x00, 0x00, 0x04]);
        body.BVarChar(programName);
        body._writer.Write((byte)version.Major);
        body._writer.Write((byte)version.Minor);
        body._writer.Write((byte)(version.Build >> 8));
        body._writer.Write((byte)(version.Build & 0xFF));
        WithLength(LoginAckToken, body.ToArray());
    }

    public void DatabaseChange(string newDatabase, string oldDatabase) => TextEnvChange(EnvDatabase, newDatabase, oldDatabase);

    public void PacketSizeChange(int packetSize) =>
        TextEnvChange(EnvPacketSize, packetSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "4096");

    /// <summary>Writes the SQL collation ENVCHANGE: the 5-byte collation, no old value.</summary>
    public void CollationChange()
    {
        var body = new TdsTokenWriter();
        body._writer.Write(EnvSqlCollation);
        body._writer.Write((byte)TdsCollation.Bytes.Length);
        body._writer.Write(TdsCollation.Bytes);
        body._writer.Write((byte)0);
        WithLength(EnvChangeToken, body.ToArray());
    }

    public void Error(TdsError error)
    {
        var body = new TdsTokenWriter();
        body._writer.Write(error.Number);
        body._writer.Write(error.State);
        body._writer.Write(error.Class);
        body.UsVarChar(error.Message);
        body.BVarChar(error.Server);
        body.BVarChar(error.Procedure);
        body._writer.Write(error.Line);
        WithLength(ErrorToken, body.ToArray());
    }

    public void ColMetadata(IReadOnlyList<TdsColumn> columns)
    {
        _writer.Write(ColMetadataToken);
        _writer.Write((ushort)columns.Count);
        foreach (var column in columns)
        {
            _writer.Write(0u);
            _writer.Write((ushort)0x0001);
            TdsValueWriter.WriteTypeInfo(_writer, column);
            BVarChar(column.Name);
        }
    }

    public void Row(IReadOnlyList<TdsColumn> columns, object?[] values)
    {
        if (values.Length != columns.Count)
        {
            throw new ArgumentException($"Row has {values.Length} values for {columns.Count} columns; give one value (or null) per column.", nameof(values));
        }

        _writer.Write(RowToken);
        for (var i = 0; i < columns.Count; i++)
        {
            TdsValueWriter.WriteValue(_writer, columns[i], values[i]);
        }
    }

    public void Done(TdsDoneStatus status, long rowCount = 0) => DoneOf(DoneToken, status, rowCount);

    public void DoneInProc(TdsDoneStatus status, long rowCount = 0) => DoneOf(DoneInProcToken, status, rowCount);

    public void DoneProc(TdsDoneStatus status) => DoneOf(DoneProcToken, status, 0);

    public void ReturnStatus(int value)
    {
        _writer.Write(ReturnStatusToken);
        _writer.Write(value);
    }

    private void DoneOf(byte token, TdsDoneStatus status, long rowCount)
    {
        _writer.Write(token);
        _writer.Write((ushort)status);
        _writer.Write((ushort)0xC1);
        _writer.Write((ulong)rowCount);
    }

    private void TextEnvChange(byte type, string newValue, string oldValue)
    {
        var body = new TdsTokenWriter();
        body._writer.Write(type);
        body.BVarChar(newValue);
        body.BVarChar(oldValue);
        WithLength(EnvChangeToken, body.ToArray());
    }

    private void WithLength(byte token, byte[] body)
    {
        _writer.Write(token);
        _writer.Write((ushort)body.Length);
        _writer.Write(body);
    }

    /// <summary>Writes text prefixed with its length in characters as one byte.</summary>
    private void BVarChar(string text)
    {
        _writer.Write((byte)text.Length);
        _writer.Write(Encoding.Unicode.GetBytes(text));
    }

    /// <summary>Writes text prefixed with its length in characters as two bytes.</summary>
    private void UsVarChar(string text)
    {
        _writer.Write((ushort)text.Length);
        _writer.Write(Encoding.Unicode.GetBytes(text));
    }
}
