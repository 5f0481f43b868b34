namespace ArcActors.Node.Commands;

/// <summary>A command line that cannot be run; the message names the argument and the fix.</summary>
public sealed class CommandLineException(string message) : Exception(message);
