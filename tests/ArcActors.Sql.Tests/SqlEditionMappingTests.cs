using ArcActors.Sql.Mapping;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class SqlEditionMappingTests
{
    [Theory]
    [InlineData("Enterprise Edition (64-bit)", "Enterprise")]
    [InlineData("Enterprise Edition: Core-based Licensing (64-bit)", "Enterprise")]
    [InlineData("Standard Edition (64-bit)", "Standard")]
    [InlineData("Developer Edition (64-bit)", "Developer")]
    [InlineData("Enterprise Developer Edition (64-bit)", "Developer")]
    [InlineData("Standard Developer Edition (64-bit)", "Developer")]
    [InlineData("Express Edition (64-bit)", "Express")]
    [InlineData("Express Edition with Advanced Services (64-bit)", "Express")]
    [InlineData("Enterprise Evaluation Edition (64-bit)", "Evaluation")]
    [InlineData("Enterprise Evaluation Edition", "Evaluation")]
    [InlineData("Web Edition (64-bit)", "Web")]
    [InlineData("Web Edition", "Web")]
    [InlineData("Business Intelligence Edition (64-bit)", "Business Intelligence")]
    public void SqlEditionMapping_EditionTextMapsToArmEdition(string editionText, string expected)
    {
        var found = SqlEditionMapping.TryToArmEdition(editionText, out var armEdition);

        Assert.True(found);
        Assert.Equal(expected, armEdition);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Data Center Edition")]
    [InlineData("SQL Azure")]
    public void SqlEditionMapping_UnknownTextIsRejected(string? editionText)
    {
        var found = SqlEditionMapping.TryToArmEdition(editionText, out var armEdition);

        Assert.False(found);
        Assert.Equal("", armEdition);
    }
}
