namespace ArcActors.Bench;

/// <summary>An invalid benchmark command line or work folder; the message names the value and the fix.</summary>
public sealed class BenchArgumentException(string message) : Exception(message);
