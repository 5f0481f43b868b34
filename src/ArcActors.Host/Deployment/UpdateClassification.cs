namespace ArcActors.Host.Deployment;

/// <summary>The severity rating Microsoft Update gives an update; automatic updates install only Critical and Important ones.</summary>
public enum UpdateClassification
{
    Critical,
    Important,
    Moderate,
    Low,
    Unspecified,
}
