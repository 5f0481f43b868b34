using System.Text;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Writes TYPE_INFO and column values of the nullable TDS types ([MS-TDS] 2.2.5.4 and 2.2.5.5).
/// Every fixed-size type goes as its N variant, so a zero length byte is NULL. datetime2 and
/// datetimeoffset use scale 7, whose time part is 5 bytes of 100-ns ticks.
/// </summary>
internal static class TdsValueWriter
{
    private const byte IntN = 0x26;
    private const byte BitN = 0x68;
    private const byte FloatN = 0x6D;
    private const byte Guid = 0x24;
    private const byte DateTime2N = 0x2A;
    private const byte DateTimeOffsetN = 0x2B;
    private const byte NVarChar = 0xE7;
    private const byte BigVarChar = 0xA7;
    private const byte Scale = 7;

    private const ushort PlpMaxLength = 0xFFFF;
    private const ushort NullShortLength = 0xFFFF;
    private const ulong PlpNull = ulong.MaxValue;

    public static void WriteTypeInfo(BinaryWriter writer, TdsColumn column)
    {
        switch (column.Type)
        {
            case TdsType.NVarChar:
                writer.Write(NVarChar);
                writer.Write(column.MaxLength == TdsColumn.MaxLengthIsMax ? PlpMaxLength : checked((ushort)(column.MaxLength * 2)));
                writer.Write(TdsCollation.Bytes);
                break;
            case TdsType.VarChar:
                writer.Write(BigVarChar);
                writer.Write(checked((ushort)column.MaxLength));
                writer.Write(TdsCollation.Bytes);
                break;
            case TdsType.DateTime2:
                writer.Write(DateTime2N);
                writer.Write(Scale);
                break;
            case TdsType.DateTimeOffset:
                writer.Write(DateTimeOffsetN);
                writer.Write(Scale);
                break;
            default:
                var (type, length) = FixedTypeOf(column.Type);
                writer.Write(type);
                writer.Write(length);
                break;
        }
    }

    public static void WriteValue(BinaryWriter writer, TdsColumn column, object? value)
    {
        if (column.Type == TdsType.NVarChar)
        {
            WriteText(writer, column, (string?)value);
            return;
        }

        if (column.Type == TdsType.VarChar)
        {
            WriteCodePageText(writer, column, (string?)value);
            return;
        }

        if (value is null)
        {
            writer.Write((byte)0);
            return;
        }

        switch (column.Type)
        {
            case TdsType.TinyInt:
                writer.Write((byte)1);
                writer.Write(Convert.ToByte(value));
                break;
            case TdsType.SmallInt:
                writer.Write((byte)2);
                writer.Write(Convert.ToInt16(value));
                break;
            case TdsType.Int:
                writer.Write((byte)4);
                writer.Write(Convert.ToInt32(value));
                break;
            case TdsType.BigInt:
                writer.Write((byte)8);
                writer.Write(Convert.ToInt64(value));
                break;
            case TdsType.Bit:
                writer.Write((byte)1);
                writer.Write((bool)value ? (byte)1 : (byte)0);
                break;
            case TdsType.Float:
                writer.Write((byte)8);
                writer.Write(Convert.ToDouble(value));
                break;
            case TdsType.UniqueIdentifier:
                writer.Write((byte)16);
                writer.Write(((System.Guid)value).ToByteArray());
                break;
            case TdsType.DateTime2:
                writer.Write((byte)8);
                WriteDateTime(writer, (DateTime)value);
                break;
            case TdsType.DateTimeOffset:
                WriteDateTimeOffset(writer, (DateTimeOffset)value);
                break;
            default:
                throw new NotSupportedException($"Column type {column.Type} has no value writer; add it to {nameof(TdsValueWriter)}.");
        }
    }

    private static (byte Type, byte Length) FixedTypeOf(TdsType type) => type switch
    {
        TdsType.TinyInt => (IntN, 1),
        TdsType.SmallInt => (IntN, 2),
        TdsType.Int => (IntN, 4),
        TdsType.BigInt => (IntN, 8),
        TdsType.Bit => (BitN, 1),
        TdsType.Float => (FloatN, 8),
        TdsType.UniqueIdentifier => (Guid, 16),
        _ => throw new NotSupportedException($"Column type {type} has no fixed TYPE_INFO; add it to {nameof(TdsValueWriter)}."),
    };

    private static void WriteText(BinaryWriter writer, TdsColumn column, string? text)
    {
        var bytes = text is null ? null : Encoding.Unicode.GetBytes(text);
        if (column.MaxLength != TdsColumn.MaxLengthIsMax)
        {
            if (bytes is not null && bytes.Length > column.MaxLength * 2)
            {
                throw new ArgumentException($"Value of {text!.Length} characters does not fit column '{column.Name}' nvarchar({column.MaxLength}).");
            }

            writer.Write(bytes is null ? NullShortLength : (ushort)bytes.Length);
            writer.Write(bytes ?? []);
            return;
        }

        // PLP: total length, then chunks each prefixed with its length, then a zero-length terminator.
        if (bytes is null)
        {
            writer.Write(PlpNull);
            return;
        }

        writer.Write((ulong)bytes.Length);
        if (bytes.Length > 0)
        {
            writer.Write((uint)bytes.Length);
            writer.Write(bytes);
        }

        writer.Write(0u);
    }

    /// <summary>
    /// Writes varchar text as code page 1252 would store it. Only ASCII and U+00A0 to U+00FF, which
    /// 1252 and Latin-1 encode alike, pass unchanged; any other character becomes '?', as SQL Server
    /// stores a character that the code page lacks.
    /// </summary>
    private static void WriteCodePageText(BinaryWriter writer, TdsColumn column, string? text)
    {
        if (text is null)
        {
            writer.Write(NullShortLength);
            return;
        }

        var bytes = text.Select(character => character < 0x80 || character is >= '\u00A0' and <= '\u00FF' ? (byte)character : (byte)'?').ToArray();
        if (bytes.Length > column.MaxLength)
        {
            throw new ArgumentException($"Value of {text.Length} characters does not fit column '{column.Name}' varchar({column.MaxLength}).");
        }

        writer.Write((ushort)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteDateTime(BinaryWriter writer, DateTime value)
    {
        WriteUInt40(writer, (ulong)value.TimeOfDay.Ticks);
        WriteUInt24(writer, DateOnly.FromDateTime(value).DayNumber);
    }

    /// <summary>Writes the UTC date and time, then the offset in minutes, as datetimeoffset stores them.</summary>
    private static void WriteDateTimeOffset(BinaryWriter writer, DateTimeOffset value)
    {
        writer.Write((byte)10);
        WriteDateTime(writer, value.UtcDateTime);
        writer.Write((short)value.Offset.TotalMinutes);
    }

    private static void WriteUInt40(BinaryWriter writer, ulong value)
    {
        for (var i = 0; i < 5; i++)
        {
            writer.Write((byte)(value >> (8 * i)));
        }
    }

    private static void WriteUInt24(BinaryWriter writer, int value)
    {
        writer.Write((byte)value);
        writer.Write((byte)(value >> 8));
        writer.Write((byte)(value >> 16));
    }
}
