namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// One result-set column. <paramref name="MaxLength"/> is the nvarchar length in characters, and
/// <see cref="MaxLengthIsMax"/> (-1) sends nvarchar(max) as a partially length-prefixed (PLP) value.
/// </summary>
public sealed record TdsColumn(string Name, TdsType Type, int MaxLength = 0)
{
    public const int MaxLengthIsMax = -1;

    public static TdsColumn NVarChar(string name, int maxLength = 128) => new(name, TdsType.NVarChar, maxLength);

    public static TdsColumn VarChar(string name, int maxLength) => new(name, TdsType.VarChar, maxLength);

    public static TdsColumn NVarCharMax(string name) => new(name, TdsType.NVarChar, MaxLengthIsMax);

    public static TdsColumn Of(string name, TdsType type) => new(name, type);
}
