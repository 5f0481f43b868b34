namespace ArcActors.Arm.Tests.Schema;

/// <summary>
/// Result of validating one document. <see cref="Errors"/> break the definition. <see cref="Notes"/> are
/// values the definition allows but does not list, such as a new value of an open (modelAsString) enum.
/// </summary>
public sealed record SchemaReport(IReadOnlyList<SchemaViolation> Errors, IReadOnlyList<SchemaViolation> Notes)
{
    public bool IsValid => Errors.Count == 0;
}
