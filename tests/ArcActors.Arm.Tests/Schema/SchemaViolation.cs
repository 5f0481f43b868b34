namespace ArcActors.Arm.Tests.Schema;

/// <summary>One place where a JSON document breaks a swagger definition, such as <c>$.properties.state</c>.</summary>
public sealed record SchemaViolation(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
