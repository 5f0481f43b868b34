namespace ArcActors.ReadModel;

/// <summary>
/// The few SQL spellings that differ between SQLite and PostgreSQL. Every statement of the store is
/// written once, and the parts that differ come from here.
/// </summary>
/// <remarks>
/// Resource ids, types and instance keys compare ASCII case-insensitively, the way SQLite's NOCASE
/// collation folds only A to Z. On PostgreSQL the same folding is <c>lower(x COLLATE "C")</c>, because
/// under the "C" collation lower() changes only ASCII letters and comparison is bytewise. The
/// case-insensitive keys there are unique indexes on that expression, so both providers order and
/// page through ids the same way: by the ASCII-folded id in byte order.
/// </remarks>
internal sealed class ReadStoreDialect
{
    public static readonly ReadStoreDialect Sqlite = new(
        isPostgres: false,
        schema: ReadStoreSchema.SqliteCreate,
        fold: expression => $"{expression} COLLATE NOCASE",
        foldKey: column => column,
        binaryCollation: "BINARY",
        greatest: "max",
        jsonArrayValues: parameter => $"SELECT value FROM json_each({parameter})");

    public static readonly ReadStoreDialect Postgres = new(
        isPostgres: true,
        schema: ReadStoreSchema.PostgresCreate,
        fold: expression => $"lower({expression} COLLATE \"C\")",
        foldKey: column => $"(lower({column} COLLATE \"C\"))",
        binaryCollation: "\"C\"",
        greatest: "greatest",
        jsonArrayValues: parameter => $"SELECT value FROM json_array_elements_text(CAST({parameter} AS json)) AS elements(value)");

    private readonly Func<string, string> _fold;
    private readonly Func<string, string> _foldKey;
    private readonly Func<string, string> _jsonArrayValues;

    private ReadStoreDialect(
        bool isPostgres,
        string schema,
        Func<string, string> fold,
        Func<string, string> foldKey,
        string binaryCollation,
        string greatest,
        Func<string, string> jsonArrayValues)
    {
        IsPostgres = isPostgres;
        Schema = schema;
        _fold = fold;
        _foldKey = foldKey;
        BinaryCollation = binaryCollation;
        Greatest = greatest;
        _jsonArrayValues = jsonArrayValues;
    }

    public bool IsPostgres { get; }

    /// <summary>Statements that create every table and index when missing.</summary>
    public string Schema { get; }

    /// <summary>Collation name that orders text by its bytes (UTF-8 byte order).</summary>
    public string BinaryCollation { get; }

    /// <summary>Name of the scalar function that returns the largest of its arguments.</summary>
    public string Greatest { get; }

    /// <summary>Returns <paramref name="expression"/> folded for ASCII case-insensitive comparison and ordering.</summary>
    public string Fold(string expression) => _fold(expression);

    /// <summary>Returns a condition that is true when the two expressions are equal ignoring ASCII case.</summary>
    public string EqualsIgnoringCase(string left, string right) => $"{Fold(left)} = {Fold(right)}";

    /// <summary>Returns the ON CONFLICT target of a unique key whose columns compare ignoring ASCII case.</summary>
    public string FoldedConflictTarget(params string[] columns) => string.Join(", ", columns.Select(_foldKey));

    /// <summary>Returns a subquery that yields one row, column <c>value</c>, per string of the JSON array in <paramref name="parameter"/>.</summary>
    public string JsonArrayValues(string parameter) => _jsonArrayValues(parameter);
}
