using System.Text.Json;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>
/// Checks the validator on a small swagger file that extends the real common-types TrackedResource through
/// the same relative <c>$ref</c> the Arc data specs use, and on examples from the real Arc data spec.
/// </summary>
public sealed class SwaggerValidatorTests : IDisposable
{
    private const string ThingSpec = """
        {
          "swagger": "2.0",
          "definitions": {
            "Thing": {
              "type": "object",
              "allOf": [ { "$ref": "../../../../../common-types/resource-management/v5/types.json#/definitions/TrackedResource" } ],
              "properties": { "properties": { "$ref": "#/definitions/ThingProperties" } },
              "required": [ "properties" ]
            },
            "ThingProperties": {
              "type": "object",
              "required": [ "name" ],
              "properties": {
                "name": { "type": "string" },
                "count": { "type": "integer", "format": "int32", "minimum": 0, "maximum": 10 },
                "ratio": { "type": "number" },
                "enabled": { "type": "boolean" },
                "state": { "type": "string", "enum": [ "Online", "Offline" ], "x-ms-enum": { "name": "State", "modelAsString": false } },
                "mode": { "type": "string", "enum": [ "Full", "Simple" ], "x-ms-enum": { "name": "Mode", "modelAsString": true } },
                "hours": { "type": "integer", "enum": [ 12, 24 ] },
                "createdAt": { "type": "string", "format": "date-time" },
                "groupId": { "type": "string", "format": "uuid" },
                "sealedNote": { "type": "string", "x-nullable": false },
                "items": { "type": "array", "items": { "$ref": "#/definitions/Item" } },
                "closed": { "type": "object", "additionalProperties": false, "properties": { "a": { "type": "string" } } },
                "open": { "type": "object", "properties": { "a": { "type": "string" } } }
              }
            },
            "Item": {
              "type": "object",
              "required": [ "size" ],
              "properties": { "size": { "type": "integer" } }
            }
          }
        }
        """;

    private const string ValidThing = """
        {
          "id": "/subscriptions/s/resourceGroups/g/providers/Test.Things/things/one",
          "name": "one",
          "type": "Test.Things/things",
          "location": "westeurope",
          "tags": { "owner": "dba" },
          "systemData": { "createdBy": "arcactors", "createdByType": "Application", "createdAt": "2026-11-30T00:00:00Z" },
          "properties": {
            "name": "one",
            "count": 3,
            "ratio": 0.5,
            "enabled": true,
            "state": "Online",
            "mode": "Full",
            "hours": 24,
            "createdAt": "2022-05-05T16:26:33.883Z",
            "groupId": "0f5c8d0e-6a7b-4f7e-9a51-2d3c4b5a6978",
            "items": [ { "size": 1 }, { "size": 2 } ],
            "closed": { "a": "x" },
            "open": { "a": "x", "b": 1 }
          }
        }
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "arcactors-swagger-" + Guid.NewGuid().ToString("N"));
    private readonly SwaggerValidator _validator;
    private readonly SwaggerDocuments _documents;

    public SwaggerValidatorTests()
    {
        var specFolder = Path.Combine(_root, "stable", "2024-01-01");
        Directory.CreateDirectory(specFolder);
        File.WriteAllText(Path.Combine(specFolder, "things.json"), ThingSpec);

        var commonTypes = Path.Combine(_root, "common-types", "resource-management", "v5");
        Directory.CreateDirectory(commonTypes);
        File.Copy(Path.Combine(ArmResourceSchemas.SpecFolder, "common-types", "resource-management", "v5", "types.json"), Path.Combine(commonTypes, "types.json"));

        _documents = new SwaggerDocuments(_root);
        _validator = new SwaggerValidator(_documents);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void SwaggerValidator_ValidDocumentHasNoErrors()
    {
        var report = ValidateThing(_ => { });

        Assert.Empty(report.Errors);
        Assert.Empty(report.Notes);
    }

    [Fact]
    public void SwaggerValidator_ReportsMissingRequiredProperty()
    {
        var report = ValidateThing(thing => thing["properties"]!.AsObject().Remove("name"));

        var error = Assert.Single(report.Errors);
        Assert.Equal("$.properties.name", error.Path);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwaggerValidator_ReportsRequiredPropertyOfAllOfBase()
    {
        var report = ValidateThing(thing => thing.Remove("location"));

        Assert.Equal("$.location", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_ReportsStringWhereIntegerExpected()
    {
        var report = ValidateThing(thing => thing["properties"]!["count"] = "3");

        var error = Assert.Single(report.Errors);
        Assert.Equal("$.properties.count", error.Path);
        Assert.Contains("expected integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwaggerValidator_ReportsFractionWhereIntegerExpected()
    {
        var report = ValidateThing(thing => thing["properties"]!["count"] = 2.5);

        Assert.Equal("$.properties.count", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_ReportsNumberWhereStringExpected()
    {
        var report = ValidateThing(thing => thing["properties"]!["name"] = 8);

        var error = Assert.Single(report.Errors);
        Assert.Equal("$.properties.name", error.Path);
        Assert.Contains("expected string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwaggerValidator_ReportsStringWhereBooleanExpected()
    {
        var report = ValidateThing(thing => thing["properties"]!["enabled"] = "true");

        Assert.Equal("$.properties.enabled", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_ReportsObjectWhereArrayExpected()
    {
        var report = ValidateThing(thing => thing["properties"]!["items"] = new System.Text.Json.Nodes.JsonObject());

        Assert.Equal("$.properties.items", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_ReportsClosedEnumValueOutsideList()
    {
        var report = ValidateThing(thing => thing["properties"]!["state"] = "Degraded");

        var error = Assert.Single(report.Errors);
        Assert.Equal("$.properties.state", error.Path);
        Assert.Contains("\"Online\", \"Offline\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwaggerValidator_ClosedEnumIsCaseSensitive()
    {
        var report = ValidateThing(thing => thing["properties"]!["state"] = "online");

        Assert.Equal("$.properties.state", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_ReportsIntegerEnumOutsideList()
    {
        var report = ValidateThing(thing => thing["properties"]!["hours"] = 6);

        Assert.Equal("$.properties.hours", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_OpenEnumCaseVariantIsError()
    {
        var report = ValidateThing(thing => thing["properties"]!["mode"] = "FULL");

        var error = Assert.Single(report.Errors);
        Assert.Equal("$.properties.mode", error.Path);
        Assert.Contains("letter case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwaggerValidator_OpenEnumUnknownValueIsNote()
    {
        var report = ValidateThing(thing => thing["properties"]!["mode"] = "Bulk-logged");

        Assert.Empty(report.Errors);
        Assert.Equal("$.properties.mode", Assert.Single(report.Notes).Path);
    }

    [Theory]
    [InlineData("01/01/2020 01:01:01")]
    [InlineData("2026-11-30")]
    [InlineData("2026-11-30T05:00:00")]
    [InlineData("2026-13-30T05:00:00Z")]
    public void SwaggerValidator_ReportsBadDateTime(string value)
    {
        var report = ValidateThing(thing => thing["properties"]!["createdAt"] = value);

        var error = Assert.Single(report.Errors);
        Assert.Equal("$.properties.createdAt", error.Path);
        Assert.Contains("date-time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwaggerValidator_ReportsBadUuid()
    {
        var report = ValidateThing(thing => thing["properties"]!["groupId"] = "0f5c8d0e6a7b4f7e9a512d3c4b5a6978x");

        Assert.Equal("$.properties.groupId", Assert.Single(report.Errors).Path);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void SwaggerValidator_ReportsIntegerOutsideRange(int value)
    {
        var report = ValidateThing(thing => thing["properties"]!["count"] = value);

        Assert.Equal("$.properties.count", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_ReportsArrayItemWithIndex()
    {
        var report = ValidateThing(thing => thing["properties"]!["items"]![1]!["size"] = "2");

        Assert.Equal("$.properties.items[1].size", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_ReportsUnknownPropertyOfClosedObject()
    {
        var report = ValidateThing(thing => thing["properties"]!["closed"]!["b"] = "x");

        Assert.Equal("$.properties.closed.b", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_AcceptsUnknownPropertyOfOpenObject()
    {
        var report = ValidateThing(thing => thing["properties"]!["extra"] = 1);

        Assert.Empty(report.Errors);
    }

    [Fact]
    public void SwaggerValidator_ChecksTagValuesAgainstAdditionalProperties()
    {
        var report = ValidateThing(thing => thing["tags"]!["cost center"] = 42);

        Assert.Equal("$.tags['cost center']", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_AcceptsNullOptionalProperty()
    {
        var report = ValidateThing(thing => thing["properties"]!["open"] = null);

        Assert.Empty(report.Errors);
    }

    [Fact]
    public void SwaggerValidator_ReportsNullRequiredProperty()
    {
        var report = ValidateThing(thing => thing["properties"]!["name"] = null);

        Assert.Equal("$.properties.name", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_ReportsNullWhereNotNullable()
    {
        var report = ValidateThing(thing => thing["properties"]!["sealedNote"] = null);

        Assert.Equal("$.properties.sealedNote", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void SwaggerValidator_ReportsEveryViolation()
    {
        var report = ValidateThing(thing =>
        {
            thing["properties"]!["count"] = "3";
            thing["properties"]!["state"] = "Degraded";
            thing["properties"]!["createdAt"] = "yesterday";
            thing["systemData"]!["createdAt"] = "today";
        });

        var paths = report.Errors.Select(error => error.Path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["$.properties.count", "$.properties.createdAt", "$.properties.state", "$.systemData.createdAt"], paths);
    }

    [Fact]
    public void SwaggerDocuments_MissingDefinitionNamesRefAndFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => _documents.Definition("stable/2024-01-01/things.json", "Nothing"));

        Assert.Contains("Nothing", error.Message, StringComparison.Ordinal);
        Assert.Contains("things.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GetSqlServerInstance.json", "sqlServerInstances.json", "SqlServerInstance")]
    [InlineData("GetArcSqlServerAvailabilityGroup.json", "sqlServerAvailabilityGroups.json", "SqlServerAvailabilityGroupResource")]
    [InlineData("CreateOrUpdateArcSqlServerDatabase.json", "sqlServerDatabases.json", "SqlServerDatabaseResource")]
    public void SwaggerValidator_AcceptsSpecExampleResponse(string example, string specFile, string definition)
    {
        var documents = new SwaggerDocuments(ArmResourceSchemas.SpecFolder);
        var examplePath = Path.Combine(ArmResourceSchemas.SpecFolder, "stable", "2024-01-01", "examples", example);
        using var exampleDocument = JsonDocument.Parse(File.ReadAllText(examplePath));
        var body = exampleDocument.RootElement.GetProperty("responses").GetProperty("200").GetProperty("body");

        var report = new SwaggerValidator(documents).Validate(body, documents.Definition($"stable/2024-01-01/{specFile}", definition));

        Assert.Empty(report.Errors);
    }

    [Fact]
    public void SwaggerValidator_RejectsSpecExampleWithNumberForStringCores()
    {
        var documents = new SwaggerDocuments(ArmResourceSchemas.SpecFolder);
        var examplePath = Path.Combine(ArmResourceSchemas.SpecFolder, "stable", "2024-01-01", "examples", "GetSqlServerInstance.json");
        var body = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(examplePath))!["responses"]!["200"]!["body"]!;
        body["properties"]!["cores"] = 4;

        var report = new SwaggerValidator(documents).Validate(
            JsonSerializer.SerializeToElement(body), documents.Definition("stable/2024-01-01/sqlServerInstances.json", "SqlServerInstance"));

        Assert.Equal("$.properties.cores", Assert.Single(report.Errors).Path);
    }

    private SchemaReport ValidateThing(Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var thing = System.Text.Json.Nodes.JsonNode.Parse(ValidThing)!.AsObject();
        change(thing);
        return _validator.Validate(JsonSerializer.SerializeToElement(thing), _documents.Definition("stable/2024-01-01/things.json", "Thing"));
    }
}
