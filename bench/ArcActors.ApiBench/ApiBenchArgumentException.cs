namespace ArcActors.ApiBench;

/// <summary>An invalid command line. Program prints the message and exits with code 2.</summary>
public sealed class ApiBenchArgumentException(string message) : Exception(message);
