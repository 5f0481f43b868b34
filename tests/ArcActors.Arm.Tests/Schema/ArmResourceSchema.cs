namespace ArcActors.Arm.Tests.Schema;

/// <summary>
/// The swagger definition of one ARM resource type: <paramref name="SpecFile"/> is relative to the spec
/// folder, and <paramref name="ApiVersion"/> is the api-version that reads the resource.
/// </summary>
public sealed record ArmResourceSchema(string Type, string ApiVersion, string SpecFile, string Definition)
{
    public override string ToString() => Type;
}
