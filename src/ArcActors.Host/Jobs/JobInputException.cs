namespace ArcActors.Host.Jobs;

/// <summary>A job names something the host does not have, or a parameter it cannot use; the message says which and the fix.</summary>
public sealed class JobInputException(string message) : Exception(message);
