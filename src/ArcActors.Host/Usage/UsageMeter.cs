using Akka.Actor;
using Akka.Event;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Usage;
using ArcActors.Host.Agent;

namespace ArcActors.Host.Usage;

/// <summary>
/// Turns finished inventory cycles into hourly usage records of the OS environment, keeps them in
/// the durable outbox, and uploads the pending ones when asked (every 12 hours by default).
/// </summary>
public sealed class UsageMeter : ReceiveActor
{
    /// <summary>Largest number of hourly records in one upload: 30 days.</summary>
    public const int MaxRecordsPerUpload = 720;

    private static readonly HashSet<string> SystemDatabases = new(StringComparer.OrdinalIgnoreCase) { "master", "model", "msdb", "tempdb" };

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Guid _vmId;
    private readonly HostAgentSettings _settings;
    private readonly IUsageOutbox _outbox;
    private readonly IActorRef _channel;
    private InFlight? _inFlight;
    private string _hostName = "";

    public UsageMeter(Guid vmId, HostAgentSettings settings, IUsageOutbox outbox, IActorRef ingress)
    {
        _vmId = vmId;
        _settings = settings;
        _outbox = outbox;
        _channel = Context.ActorOf(UploadChannel.Props(ingress, settings), "uploads");

        Receive<SampleUsage>(sample =>
        {
            _hostName = sample.Machine.HostName;
            _outbox.Record(ToRecord(sample));
        });
        Receive<UploadUsageNow>(Upload);
        Receive<UploadChannel.UploadOutcome>(OnOutcome);
    }

    public static Props Props(Guid vmId, HostAgentSettings settings, IUsageOutbox outbox, IActorRef ingress) =>
        Akka.Actor.Props.Create(() => new UsageMeter(vmId, settings, outbox, ingress));

    /// <summary>Builds the usage record of the hour that contains the sample's time.</summary>
    public static UsageRecord ToRecord(SampleUsage sample)
    {
        var at = sample.At.ToUniversalTime();
        var hourStart = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);
        var machine = sample.Machine;
        return new UsageRecord
        {
            VmId = machine.VmId,
            HostName = machine.HostName,
            HourStart = hourStart,
            Os = machine.Os,
            IsVirtualMachine = machine.IsVirtualMachine,
            LogicalProcessors = machine.LogicalProcessors,
            PhysicalCores = machine.PhysicalCores,
            LicenseType = machine.Extension.LicenseType,
            UsePhysicalCoreLicense = machine.Extension.UsePhysicalCoreLicense,
            EnableExtendedSecurityUpdates = machine.Extension.EnableExtendedSecurityUpdates,
            Instances = sample.Instances.OrderBy(i => i.InstanceName, StringComparer.OrdinalIgnoreCase).Select(ToUsage).ToList(),
        };
    }

    private static InstanceUsage ToUsage(InstanceSnapshot instance)
    {
        var inGroups = instance.AvailabilityGroups
            .SelectMany(group => group.Databases.Select(database => database.DatabaseName))
            .ToHashSet(StringComparer.Ordinal);
        return new InstanceUsage
        {
            InstanceName = instance.InstanceName,
            Edition = instance.Edition,
            CurrentVersion = instance.CurrentVersion,
            UserConnections = instance.UserConnections,
            HasDatabaseOutsideAvailabilityGroup = instance.Databases
                .Any(database => !SystemDatabases.Contains(database.Name) && !inGroups.Contains(database.Name)),
            Replicas = instance.AvailabilityGroups
                .Select(group => new ReplicaUsage(group.Name, IsPrimary: string.Equals(group.LocalRole, "PRIMARY", StringComparison.OrdinalIgnoreCase), group.LocalReadable))
                .ToList(),
        };
    }

    private void Upload(UploadUsageNow request)
    {
        var at = request.At.ToUniversalTime();
        var currentHour = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);
        var before = request.IncludeOpenHour ? currentHour.AddHours(1) : currentHour;
        var waiting = new List<IActorRef>();

        // While the cloud sends no reply, the channel sends an upload again until acknowledged. A later
        // request replaces that upload instead of adding a second one. The new upload starts from the
        // same oldest pending hour and reaches at least as far, so only one upload per hour is retried,
        // and every requester waits for it. A replaced copy may still arrive; the cloud bills each hour once.
        if (_inFlight is { } previous)
        {
            _channel.Tell(new UploadChannel.Cancel(previous.UploadId));
            before = before > previous.Before ? before : previous.Before;
            waiting.AddRange(previous.Waiting);
            _inFlight = null;
        }

        if (!waiting.Contains(Sender))
        {
            waiting.Add(Sender);
        }

        var records = _outbox.Pending(_vmId, before, MaxRecordsPerUpload);
        if (records.Count == 0)
        {
            Reply(waiting, new UsageUploadCompleted(_vmId, 0, ""));
            return;
        }

        var upload = new UploadUsage(Guid.NewGuid(), _vmId, records[^1].HostName, _settings.Scope, records);
        _inFlight = new InFlight(upload.UploadId, before, records, waiting);
        _channel.Tell(new UploadChannel.Send(upload.UploadId, upload));
    }

    private void OnOutcome(UploadChannel.UploadOutcome outcome)
    {
        if (_inFlight is not { } flight || flight.UploadId != outcome.UploadId)
        {
            return;
        }

        _inFlight = null;
        if (!outcome.Accepted)
        {
            _log.Warning("host {0} ({1}): usage upload of {2} records rejected: {3}: {4}; they stay in the outbox",
                _vmId, _hostName, flight.Records.Count, outcome.Code, outcome.Message);
            Reply(flight.Waiting, new UsageUploadCompleted(_vmId, 0, $"{outcome.Code}: {outcome.Message}"));
            return;
        }

        _outbox.MarkAcknowledged(flight.Records);
        Reply(flight.Waiting, new UsageUploadCompleted(_vmId, flight.Records.Count, ""));
    }

    private static void Reply(List<IActorRef> waiting, UsageUploadCompleted completed)
    {
        foreach (var requester in waiting)
        {
            requester.Tell(completed);
        }
    }

    /// <summary>The one usage upload waiting for its acknowledgement, and the actors that requested it.</summary>
    private sealed record InFlight(Guid UploadId, DateTimeOffset Before, IReadOnlyList<UsageRecord> Records, List<IActorRef> Waiting);
}
