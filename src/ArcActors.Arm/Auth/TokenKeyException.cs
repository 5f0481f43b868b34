namespace ArcActors.Arm.Auth;

/// <summary>
/// A token key file that is missing, unreadable or too short. The message names the file and the fix,
/// never the key. It is an <see cref="IOException"/> so that callers handling unreadable files handle it too.
/// </summary>
public sealed class TokenKeyException(string message, Exception? inner = null) : IOException(message, inner);
