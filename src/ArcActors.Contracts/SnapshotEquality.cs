using System.Text.Json;

namespace ArcActors.Contracts;

/// <summary>
/// Compares snapshots by content. Records compare their list properties by reference, so two
/// snapshots read in two cycles would never be equal with <c>==</c>; their JSON forms are.
/// </summary>
public static class SnapshotEquality
{
    public static bool AreEqual<T>(T left, T right) where T : class =>
        ReferenceEquals(left, right)
        || JsonSerializer.SerializeToUtf8Bytes(left).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(right));
}
