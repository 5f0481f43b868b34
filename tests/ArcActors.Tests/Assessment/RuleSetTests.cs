using ArcActors.Host.Assessment;
using Xunit;

namespace ArcActors.Tests.Assessment;

public sealed class RuleSetTests
{
    [Fact]
    public void RuleSet_AtLeastTwentyRules()
    {
        Assert.True(AssessmentRuleSet.All.Count >= 20, $"the rule set has {AssessmentRuleSet.All.Count} rules");
    }

    [Fact]
    public void RuleSet_IdsAreUniqueNames()
    {
        var ids = AssessmentRuleSet.All.Select(rule => rule.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ids, id => Assert.Matches("^[A-Z][A-Za-z]+$", id));
    }

    [Fact]
    public void RuleSet_LinksAreMicrosoftLearnHttps()
    {
        foreach (var rule in AssessmentRuleSet.All)
        {
            var parsed = Uri.TryCreate(rule.RecommendationLink, UriKind.Absolute, out var link);

            Assert.True(parsed, $"rule {rule.Id} link '{rule.RecommendationLink}' is not an absolute URL");
            Assert.Equal("https", link!.Scheme);
            Assert.Equal("learn.microsoft.com", link.Host);
        }
    }
}
