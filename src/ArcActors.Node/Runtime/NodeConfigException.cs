namespace ArcActors.Node.Runtime;

/// <summary>An invalid node file or environment: the message names the setting and the fix, and the node exits with code 1.</summary>
public sealed class NodeConfigException(string message) : Exception(message);
