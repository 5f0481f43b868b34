namespace ArcActors.Host.Jobs;

/// <summary>Raised when a job names something the host does not have or a parameter it cannot use; the message names the value and the fix.</summary>
public sealed class JobInputException(string message) : Exception(message);
