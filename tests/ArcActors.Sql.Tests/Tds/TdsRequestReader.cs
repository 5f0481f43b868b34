using System.Text;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Reads SQL batch and RPC messages ([MS-TDS] 2.2.6.6 and 2.2.6.7). RPC parameters of type
/// nvarchar (short or PLP) and INTN are read, which covers sp_executesql with nvarchar and int
/// parameters. Any other type is rejected with a message naming it.
/// </summary>
internal static class TdsRequestReader
{
    private const ushort ProcIdFollows = 0xFFFF;
    private const ushort SpExecuteSql = 10;
    private const byte NVarChar = 0xE7;
    private const byte IntN = 0x26;
    private const ushort PlpLength = 0xFFFF;
    private const ushort NullShortLength = 0xFFFF;
    private const ulong PlpNull = ulong.MaxValue;

    public static TdsRequest ReadBatch(byte[] payload, string userName)
    {
        var reader = new TdsPayloadReader(payload);
        reader.SkipAllHeaders();
        var text = reader.Text(payload.Length - reader.Position);
        return new TdsRequest(TdsRequestKind.Batch, text, new Dictionary<string, object?>(), userName);
    }

    public static TdsRequest ReadRpc(byte[] payload, string userName)
    {
        var reader = new TdsPayloadReader(payload);
        reader.SkipAllHeaders();

        var nameLength = reader.UInt16();
        var procedure = nameLength == ProcIdFollows ? ProcedureNameOf(reader.UInt16()) : reader.Text(nameLength * 2);
        reader.UInt16();

        var values = new List<(string Name, object? Value)>();
        while (!reader.AtEnd)
        {
            var name = reader.BVarChar();
            reader.Byte();
            values.Add((name, ReadValue(reader)));
        }

        return ToRequest(procedure, values, userName);
    }

    /// <summary>
    /// For sp_executesql the first two parameters are the statement and the declarations, both
    /// sent without names by SqlClient; the rest are the statement's own parameters.
    /// </summary>
    private static TdsRequest ToRequest(string procedure, List<(string Name, object? Value)> values, string userName)
    {
        if (procedure == "sp_executesql" && values.Count >= 1)
        {
            var statement = (string?)values[0].Value ?? "";
            var parameters = values.Skip(2).ToDictionary(value => value.Name, value => value.Value);
            return new TdsRequest(TdsRequestKind.Rpc, statement, parameters, userName, procedure);
        }

        var all = values.Select((value, index) => (Name: value.Name.Length > 0 ? value.Name : $"#{index}", value.Value));
        return new TdsRequest(TdsRequestKind.Rpc, "", all.ToDictionary(value => value.Name, value => value.Value), userName, procedure);
    }

    private static string ProcedureNameOf(ushort procedureId) =>
        procedureId == SpExecuteSql ? "sp_executesql" : $"procedure id {procedureId}";

    private static object? ReadValue(TdsPayloadReader reader)
    {
        var type = reader.Byte();
        switch (type)
        {
            case NVarChar:
                var maxLength = reader.UInt16();
                reader.Take(TdsCollation.Bytes.Length);
                return maxLength == PlpLength ? ReadPlpText(reader) : ReadShortText(reader);
            case IntN:
                reader.Byte();
                var length = reader.Byte();
                return length switch
                {
                    0 => null,
                    1 => reader.Byte(),
                    2 => (short)reader.UInt16(),
                    4 => (int)reader.UInt32(),
                    8 => (long)reader.UInt64(),
                    _ => throw new InvalidDataException($"INTN parameter of length {length}; expected 0, 1, 2, 4 or 8."),
                };
            default:
                throw new NotSupportedException($"RPC parameter type 0x{type:X2} is not read by the test server; it reads nvarchar (0xE7) and INTN (0x26).");
        }
    }

    private static string? ReadShortText(TdsPayloadReader reader)
    {
        var length = reader.UInt16();
        return length == NullShortLength ? null : reader.Text(length);
    }

    private static string? ReadPlpText(TdsPayloadReader reader)
    {
        if (reader.UInt64() == PlpNull)
        {
            return null;
        }

        // Chunks are joined before decoding because one may end in the middle of a UTF-16 code unit.
        var bytes = new MemoryStream();
        for (var chunk = reader.UInt32(); chunk != 0; chunk = reader.UInt32())
        {
            bytes.Write(reader.Take((int)chunk));
        }

        return Encoding.Unicode.GetString(bytes.ToArray());
    }
}
