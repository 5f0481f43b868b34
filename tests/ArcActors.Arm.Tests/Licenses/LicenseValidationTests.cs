using System.Text.Json.Nodes;
using ArcActors.Arm.Licenses;
using Xunit;

namespace ArcActors.Arm.Tests.Licenses;

public sealed class LicenseValidationTests
{
    private const string ValidPut = """
        {"location": "northeurope", "tags": {"mytag": "myval"},
         "properties": {"billingPlan": "PAYG", "licenseCategory": "Core", "physicalCores": 24, "activationState": "Deactivated", "scopeType": "Subscription"}}
        """;

    [Fact]
    public void ValidatePut_AcceptsSpecificationExample()
    {
        var result = LicenseValidation.ValidatePut(Parse(ValidPut));

        Assert.True(result.IsValid, result.ErrorMessage);
        var properties = result.Request!.ToProperties();
        Assert.Equal("northeurope", result.Request.Location);
        Assert.Equal("myval", result.Request.Tags!["mytag"]);
        Assert.Equal("PAYG", properties.BillingPlan);
        Assert.Equal(24, properties.PhysicalCores);
        Assert.Equal("Core", properties.LicenseCategory);
        Assert.Equal("Deactivated", properties.ActivationState);
        Assert.Equal("Subscription", properties.ScopeType);
    }

    [Fact]
    public void ValidatePut_StoresEnumsInCanonicalSpelling()
    {
        var body = Parse(ValidPut);
        body["properties"]!["billingPlan"] = "paid";
        body["properties"]!["scopeType"] = "RESOURCEGROUP";
        body["properties"]!["activationState"] = "activated";
        body["properties"]!["licenseCategory"] = "core";

        var properties = LicenseValidation.ValidatePut(body).Request!.ToProperties();

        Assert.Equal("Paid", properties.BillingPlan);
        Assert.Equal("ResourceGroup", properties.ScopeType);
        Assert.Equal("Activated", properties.ActivationState);
        Assert.Equal("Core", properties.LicenseCategory);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(14)]
    [InlineData(0)]
    [InlineData(-16)]
    public void ValidatePut_RejectsCoresBelow16OrOdd(int cores)
    {
        var body = Parse(ValidPut);
        body["properties"]!["physicalCores"] = cores;

        var result = LicenseValidation.ValidatePut(body);

        Assert.False(result.IsValid);
        Assert.Equal(LicenseValidation.InvalidParameter, result.ErrorCode);
        Assert.Contains(cores.ToString(System.Globalization.CultureInfo.InvariantCulture), result.ErrorMessage);
        Assert.Contains("at least 16, at most 4096, and a multiple of 2", result.ErrorMessage);
        Assert.Contains("physicalCores", result.ErrorMessage);
    }

    [Theory]
    [InlineData(4098)]
    [InlineData(1000000000)]
    public void ValidatePut_RejectsCoresAboveMaximum(int cores)
    {
        var body = Parse(ValidPut);
        body["properties"]!["physicalCores"] = cores;

        var result = LicenseValidation.ValidatePut(body);

        Assert.False(result.IsValid);
        Assert.Contains("at most 4096", result.ErrorMessage);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(18)]
    [InlineData(1024)]
    public void ValidatePatch_AcceptsEvenCoresFrom16(int cores)
    {
        var result = LicenseValidation.ValidatePatch(Properties("physicalCores", cores.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(cores, result.Request!.Properties.PhysicalCores);
    }

    [Theory]
    [InlineData("billingPlan")]
    [InlineData("physicalCores")]
    [InlineData("licenseCategory")]
    [InlineData("scopeType")]
    [InlineData("activationState")]
    public void ValidatePut_RequiresEveryWritableProperty(string property)
    {
        var body = Parse(ValidPut);
        body["properties"]!.AsObject().Remove(property);

        var result = LicenseValidation.ValidatePut(body);

        Assert.False(result.IsValid);
        Assert.Equal(LicenseValidation.InvalidRequestContent, result.ErrorCode);
        Assert.Contains($"properties.{property}", result.ErrorMessage);
    }

    [Fact]
    public void ValidatePut_RequiresLocation()
    {
        var body = Parse(ValidPut);
        body.Remove("location");

        var result = LicenseValidation.ValidatePut(body);

        Assert.Equal(LicenseValidation.LocationRequired, result.ErrorCode);
        Assert.Contains("location", result.ErrorMessage);
    }

    [Fact]
    public void ValidatePut_RequiresProperties()
    {
        var result = LicenseValidation.ValidatePut(Parse("""{"location": "northeurope"}"""));

        Assert.Equal(LicenseValidation.InvalidRequestContent, result.ErrorCode);
        Assert.Contains("properties", result.ErrorMessage);
    }

    [Fact]
    public void ValidatePatch_AcceptsAnySubset()
    {
        var result = LicenseValidation.ValidatePatch(Parse("""{"tags": {"a": "b"}, "properties": {"activationState": "Activated"}}"""));

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("Activated", result.Request!.Properties.ActivationState);
        Assert.Null(result.Request.Properties.BillingPlan);
        Assert.Null(result.Request.Properties.PhysicalCores);
        Assert.Equal("b", result.Request.Tags!["a"]);
    }

    [Fact]
    public void ValidatePatch_AcceptsEmptyBody()
    {
        var result = LicenseValidation.ValidatePatch(new JsonObject());

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Null(result.Request!.Tags);
        Assert.Null(result.Request.Properties.ActivationState);
    }

    [Fact]
    public void ValidatePatch_RejectsLocation()
    {
        var result = LicenseValidation.ValidatePatch(Parse("""{"location": "eastus"}"""));

        Assert.Equal(LicenseValidation.InvalidRequestContent, result.ErrorCode);
        Assert.Contains("location", result.ErrorMessage);
    }

    [Theory]
    [InlineData("lastActivatedAt", "\"2026-01-01T00:00:00Z\"")]
    [InlineData("lastDeactivatedAt", "\"2026-01-01T00:00:00Z\"")]
    [InlineData("tenantId", "\"89fdfcc3-4c62-41c3-93c4-16bae3bcf5ea\"")]
    public void ValidatePatch_RejectsReadOnlyProperty(string property, string value)
    {
        var result = LicenseValidation.ValidatePatch(Properties(property, value));

        Assert.Equal(LicenseValidation.InvalidRequestContent, result.ErrorCode);
        Assert.Contains(property, result.ErrorMessage);
        Assert.Contains("read-only", result.ErrorMessage);
        Assert.Contains(value, result.ErrorMessage);
    }

    [Fact]
    public void ValidatePatch_RejectsUnknownProperty()
    {
        var result = LicenseValidation.ValidatePatch(Parse("""{"properties": {"coreCount": 24}}"""));

        Assert.Equal(LicenseValidation.InvalidRequestContent, result.ErrorCode);
        Assert.Contains("properties.coreCount", result.ErrorMessage);
        Assert.Contains("24", result.ErrorMessage);
    }

    [Fact]
    public void ValidatePut_RejectsUnknownTopLevelMember()
    {
        var body = Parse(ValidPut);
        body["sku"] = "standard";

        var result = LicenseValidation.ValidatePut(body);

        Assert.Equal(LicenseValidation.InvalidRequestContent, result.ErrorCode);
        Assert.Contains("'sku'", result.ErrorMessage);
    }

    [Fact]
    public void ValidatePut_IgnoresReadOnlyEnvelopeMembers()
    {
        var body = Parse(ValidPut);
        body["id"] = "/subscriptions/x";
        body["name"] = "lic";
        body["type"] = "Microsoft.AzureArcData/sqlServerLicenses";

        var result = LicenseValidation.ValidatePut(body);

        Assert.True(result.IsValid, result.ErrorMessage);
    }

    [Theory]
    [InlineData("physicalCores", "\"24\"")]
    [InlineData("physicalCores", "24.5")]
    [InlineData("physicalCores", "null")]
    [InlineData("physicalCores", "true")]
    [InlineData("billingPlan", "1")]
    [InlineData("scopeType", "[\"Tenant\"]")]
    [InlineData("activationState", "null")]
    public void ValidatePatch_RejectsWrongType(string property, string value)
    {
        var result = LicenseValidation.ValidatePatch(Properties(property, value));

        Assert.Equal(LicenseValidation.InvalidRequestContent, result.ErrorCode);
        Assert.Contains($"properties.{property}", result.ErrorMessage);
        Assert.Contains(value, result.ErrorMessage);
    }

    [Theory]
    [InlineData("billingPlan", "LicenseOnly")]
    [InlineData("licenseCategory", "ESU")]
    [InlineData("scopeType", "ManagementGroup")]
    [InlineData("activationState", "Paused")]
    public void ValidatePatch_RejectsEnumOutsideList(string property, string value)
    {
        var result = LicenseValidation.ValidatePatch(Properties(property, $"\"{value}\""));

        Assert.Equal(LicenseValidation.InvalidParameter, result.ErrorCode);
        Assert.Contains(property, result.ErrorMessage);
        Assert.Contains(value, result.ErrorMessage);
    }

    [Fact]
    public void ValidatePatch_RejectsDuplicateNamesInOtherCase()
    {
        var result = LicenseValidation.ValidatePatch(Parse("""{"properties": {"physicalCores": 16, "PhysicalCores": 18}}"""));

        Assert.Equal(LicenseValidation.InvalidRequestContent, result.ErrorCode);
        Assert.Contains("twice", result.ErrorMessage);
    }

    [Fact]
    public void ValidatePatch_MatchesMemberNamesCaseInsensitively()
    {
        var result = LicenseValidation.ValidatePatch(Parse("""{"Properties": {"PhysicalCores": 20}}"""));

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(20, result.Request!.Properties.PhysicalCores);
    }

    [Theory]
    [InlineData("""{"tags": "team=dba"}""")]
    [InlineData("""{"tags": {"team": 5}}""")]
    [InlineData("""{"properties": "Activated"}""")]
    public void ValidatePatch_RejectsNonObjectShapes(string json)
    {
        var result = LicenseValidation.ValidatePatch(Parse(json));

        Assert.Equal(LicenseValidation.InvalidRequestContent, result.ErrorCode);
    }

    [Fact]
    public void ValidatePatch_RejectsTooManyTags()
    {
        var tags = new JsonObject();
        for (var i = 0; i <= LicenseValidation.MaxTags; i++)
        {
            tags[$"tag{i}"] = "x";
        }

        var result = LicenseValidation.ValidatePatch(new JsonObject { ["tags"] = tags });

        Assert.Equal(LicenseValidation.InvalidParameter, result.ErrorCode);
        Assert.Contains($"{LicenseValidation.MaxTags + 1}", result.ErrorMessage);
    }

    [Fact]
    public void ValidationResult_MapsToBadRequest()
    {
        var result = LicenseValidation.ValidatePatch(Parse("""{"properties": {"physicalCores": 15}}"""));

        var write = result.ToWriteResult();

        Assert.Equal(400, write.Status);
        Assert.Equal(result.ErrorCode, write.ErrorCode);
        Assert.False(write.Succeeded);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    // Builds {"properties": {"<property>": <json>}} with the value as raw JSON text.
    private static JsonObject Properties(string property, string json) => Parse("{\"properties\": {\"" + property + "\": " + json + "}}");
}
