using Akka.Actor;

namespace ArcActors.Host.Jobs;

/// <summary>What one schedule pass did on every instance with a stored policy. It stays on the host, so it is never serialized.</summary>
/// <param name="At">The time (UTC) the schedule was computed for.</param>
public sealed record BackupPassResult(DateTimeOffset At, IReadOnlyList<InstanceBackupOutcome> Instances) : INoSerializationVerificationNeeded;
