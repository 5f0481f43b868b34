namespace ArcActors.Contracts;

/// <summary>
/// Marks every message that crosses the network and every persisted event, so that one
/// serialization binding routes all of them to <see cref="Serialization.ArcActorsSerializer"/>.
/// </summary>
public interface IArcActorsMessage;
