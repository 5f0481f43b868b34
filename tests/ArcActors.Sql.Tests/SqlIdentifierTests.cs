using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class SqlIdentifierTests
{
    [Theory]
    [InlineData("master", "[master]")]
    [InlineData("O'Brien [eu] data", "[O'Brien [eu]] data]")]
    [InlineData("]", "[]]]")]
    [InlineData("]]", "[]]]]]")]
    [InlineData("[", "[[]")]
    [InlineData("", "[]")]
    [InlineData("x]; DROP DATABASE y; --", "[x]]; DROP DATABASE y; --]")]
    [InlineData("Données 数据 ✓", "[Données 数据 ✓]")]
    [InlineData("trailing space ", "[trailing space ]")]
    public void SqlIdentifier_QuotesLikeQuotename(string name, string expected)
    {
        Assert.Equal(expected, SqlIdentifier.Quote(name));
    }

    [Fact]
    public void SqlIdentifier_Accepts128Characters()
    {
        var name = new string('a', 128);

        var quoted = SqlIdentifier.Quote(name);

        Assert.Equal(130, quoted.Length);
    }

    [Fact]
    public void SqlIdentifier_Rejects129Characters()
    {
        var name = new string('a', 129);

        var error = Assert.Throws<ArgumentException>(() => SqlIdentifier.Quote(name));

        Assert.Contains("129", error.Message);
    }

    [Fact]
    public void SqlIdentifier_CountsUtf16CodeUnitsAsQuotenameDoes()
    {
        // Each emoji is a surrogate pair: two nvarchar characters, as QUOTENAME counts them.
        var fits = string.Concat(Enumerable.Repeat("🚀", 64));
        var tooLong = string.Concat(Enumerable.Repeat("🚀", 65));

        Assert.Equal("[" + fits + "]", SqlIdentifier.Quote(fits));
        Assert.Throws<ArgumentException>(() => SqlIdentifier.Quote(tooLong));
    }

    [Fact]
    public void SqlIdentifier_RejectsNull()
    {
        Assert.Throws<ArgumentNullException>(() => SqlIdentifier.Quote(null!));
    }
}
