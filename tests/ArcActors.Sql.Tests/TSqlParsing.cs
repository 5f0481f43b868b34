using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ArcActors.Sql.Tests;

/// <summary>Parses T-SQL with Microsoft's SQL Server 2022 grammar, as SQL Server itself would read it.</summary>
internal static class TSqlParsing
{
    public static IList<ParseError> Parse(string sql, out TSqlScript script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        script = (TSqlScript)parser.Parse(reader, out var errors);
        return errors;
    }

    /// <summary>Returns the only top-level statement of <paramref name="sql"/>, failing on parse errors or extra statements.</summary>
    public static TSqlStatement SingleStatement(string sql)
    {
        var errors = Parse(sql, out var script);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"T-SQL does not parse: {string.Join("; ", errors.Select(error => $"line {error.Line}: {error.Message}"))}\n{sql}");
        }

        var statements = script.Batches.SelectMany(batch => batch.Statements).ToList();
        if (statements.Count != 1)
        {
            throw new InvalidOperationException($"Expected one statement, parsed {statements.Count}:\n{sql}");
        }

        return statements[0];
    }
}
