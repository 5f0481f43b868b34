using System.Reflection;
using ArcActors.Sql.Discovery;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class DiscoveryQueriesTests
{
    public static TheoryData<string> QueryNames()
    {
        var data = new TheoryData<string>();
        foreach (var field in QueryFields())
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Fact]
    public void DiscoveryQueries_AllQueriesAreListed()
    {
        var names = QueryFields().Select(field => field.Name).ToList();

        Assert.Contains(nameof(DiscoveryQueries.ServerProperties), names);
        Assert.Contains(nameof(DiscoveryQueries.AvailabilityDatabases), names);
        Assert.Equal(15, names.Count);
    }

    [Theory]
    [MemberData(nameof(QueryNames))]
    public void DiscoveryQueries_QueryParsesWithTSql160(string queryName)
    {
        var sql = (string)typeof(DiscoveryQueries).GetField(queryName)!.GetRawConstantValue()!;

        var errors = Parse(sql, out _);

        Assert.Empty(errors.Select(error => $"line {error.Line}: {error.Message}"));
    }

    [Theory]
    [InlineData("O'Brien [eu] data")]
    [InlineData("]")]
    [InlineData("x]; DROP DATABASE y; --")]
    [InlineData("Données 数据 🚀")]
    public void DiscoveryQueries_HostileNameStaysOneUseStatement(string databaseName)
    {
        var sql = DiscoveryQueries.InDatabase(databaseName) + DiscoveryQueries.DatabaseSpaceInContext;

        var errors = Parse(sql, out var fragment);
        var statements = ((TSqlScript)fragment).Batches.SelectMany(batch => batch.Statements).ToList();

        Assert.Empty(errors);
        Assert.Equal(2, statements.Count);
        var use = Assert.IsType<UseStatement>(statements[0]);
        Assert.Equal(databaseName, use.DatabaseName.Value);
        Assert.IsType<SelectStatement>(statements[1]);
    }

    private static IEnumerable<FieldInfo> QueryFields() =>
        typeof(DiscoveryQueries)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string));

    private static IList<ParseError> Parse(string sql, out TSqlFragment fragment)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        fragment = parser.Parse(reader, out var errors);
        return errors;
    }
}
