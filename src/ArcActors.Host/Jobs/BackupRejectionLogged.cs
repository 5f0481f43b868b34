using Akka.Actor;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Published on the event stream when <see cref="BackupScheduleActor"/> logs why an instance takes no automated
/// backups, which it does once per instance and reason. It stays in the host's process, so it is never serialized.
/// </summary>
public sealed record BackupRejectionLogged(Guid VmId, string InstanceName, string Reason) : INoSerializationVerificationNeeded;
