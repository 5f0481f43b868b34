using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>
/// Validates every resource the ARM API serves for the simulated fleets against the swagger definition of
/// its type in the real Arc data spec. The cases come from <see cref="ArmResourceSchemas.All"/>, so a new
/// resource type needs one line there.
/// </summary>
public sealed class FleetSchemaTests(FleetArmFixture fixture, ITestOutputHelper output) : IClassFixture<FleetArmFixture>
{
    private static readonly SwaggerDocuments Documents = new(ArmResourceSchemas.SpecFolder);

    public static TheoryData<string> ResourceTypes => new(ArmResourceSchemas.All.Select(schema => schema.Type));

    [Theory]
    [MemberData(nameof(ResourceTypes))]
    public void ArmResources_MatchSpecDefinition(string type)
    {
        var schema = ArmResourceSchemas.Find(type)!;
        var definition = Documents.Definition(schema.SpecFile, schema.Definition);
        var validator = new SwaggerValidator(Documents);
        var resources = fixture.Results
            .SelectMany(result => result.Fetched.Select(entry => (Id: $"{result.Fleet} {entry.Key}", entry.Value.Body)))
            .Where(entry => string.Equals(entry.Body?["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase))
            .ToList();

        var errors = new List<string>();
        foreach (var (id, body) in resources)
        {
            var report = validator.Validate(JsonSerializer.SerializeToElement(body), definition);
            errors.AddRange(report.Errors.Select(error => $"{id} {error}"));
            foreach (var note in report.Notes)
            {
                output.WriteLine($"note: {id} {note}");
            }
        }

        output.WriteLine($"{resources.Count} resource(s) of type {type} checked against {schema.SpecFile}#/definitions/{schema.Definition}");
        Assert.NotEmpty(resources);
        Assert.True(errors.Count == 0, $"{errors.Count} violation(s) of {schema.SpecFile}#/definitions/{schema.Definition}:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void ArmResources_EveryListedTypeHasSchema()
    {
        var types = fixture.Results
            .SelectMany(result => result.Listed)
            .Select(resource => resource["type"]!.GetValue<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase);

        Assert.All(types, type => Assert.NotNull(ArmResourceSchemas.Find(type)));
    }

    [Fact]
    public void ArmResources_ListSpansSeveralPages()
    {
        foreach (var result in fixture.Results)
        {
            Assert.True(result.PageCount > 1, $"{result.Fleet}: the list of {result.Listed.Count} resources came in {result.PageCount} page(s)");
            Assert.Equal(result.Listed.Count, result.Fetched.Count);
        }
    }

    [Fact]
    public void ArmResources_GetReturnsListedResource()
    {
        foreach (var result in fixture.Results)
        {
            foreach (var listed in result.Listed)
            {
                var id = listed["id"]!.GetValue<string>();
                var response = result.Fetched[id];

                Assert.True(response.Status == 200, $"{result.Fleet}: GET {id} returned {response.Status}: {response.Body?.ToJsonString()}");
                Assert.True(JsonNode.DeepEquals(listed, response.Body), $"{result.Fleet}: GET {id} differs from its list entry");
            }
        }
    }
}
