using System.Collections.Immutable;
using ArcActors.Contracts.Inventory;
using ArcActors.Simulation.Fleets;
using ArcActors.Simulation.Fleets.Parsing;

namespace ArcActors.Simulation;

/// <summary>Applies one timeline event to a fleet snapshot and returns the next snapshot, or throws <see cref="TimelineRejection"/>.</summary>
internal static class TimelineApplier
{
    public static FleetSnapshot Apply(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent) => fleetEvent.Action switch
    {
        ChangeHostAction change => UpdateHost(snapshot, fleetEvent, host => change.Change.ApplyTo(host)),
        ChangeInstanceAction change => UpdateInstance(snapshot, fleetEvent, instance => change.Change.ApplyTo(instance)),
        ChangeDatabaseAction change => UpdateDatabase(snapshot, fleetEvent, database => change.Change.ApplyTo(database)),
        AddDatabaseAction add => AddDatabase(snapshot, fleetEvent, add.Database),
        RemoveDatabaseAction remove => RemoveDatabase(snapshot, fleetEvent, remove.Name),
        AddInstanceAction add => AddInstance(snapshot, fleetEvent, add.Instance),
        RemoveInstanceAction remove => RemoveInstance(snapshot, fleetEvent, remove.Name),
        FailoverAction failover => Failover(snapshot, fleetEvent, failover),
        DisconnectAction disconnect => Disconnect(snapshot, fleetEvent, disconnect.For),
        RenameAction rename => Rename(snapshot, fleetEvent, rename.To),
        LicenseAction license => ChangeLicense(snapshot, fleetEvent, license),
        ProviderAction provider => ChangeProvider(snapshot, fleetEvent, provider),
        _ => throw Reject(fleetEvent, fleetEvent.Action.Key, $"timeline action '{fleetEvent.Action.GetType().Name}' is not supported",
            "use one of the action types of ArcActors.Simulation.Fleets"),
    };

    /// <summary>Replaces a compatibility level of 0 (the engine's default) with the default of the instance's version.</summary>
    public static FleetInstance ResolveCompatibilityLevels(FleetInstance instance)
    {
        if (instance.Databases.All(database => database.CompatibilityLevel != 0))
        {
            return instance;
        }

        return instance with { Databases = instance.Databases.Select(database => ResolveCompatibilityLevel(instance, database)).ToList() };
    }

    private static FleetDatabase ResolveCompatibilityLevel(FleetInstance instance, FleetDatabase database) =>
        database.CompatibilityLevel != 0
            ? database
            : database with { CompatibilityLevel = SqlServerVersions.DefaultCompatibilityLevel(instance.Version) };

    private static FleetSnapshot UpdateHost(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, Func<FleetHost, FleetHost> update)
    {
        var host = RequireHost(snapshot, fleetEvent, fleetEvent.Host);
        return snapshot with { Hosts = snapshot.Hosts.Replace(host, update(host), ReferenceEqualityComparer.Instance) };
    }

    private static FleetSnapshot UpdateInstance(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, Func<FleetInstance, FleetInstance> update) =>
        UpdateHost(snapshot, fleetEvent, host =>
        {
            var instance = RequireInstance(fleetEvent, host);
            return host with { Instances = Replace(host.Instances, instance, update(instance)) };
        });

    private static FleetSnapshot UpdateDatabase(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, Func<FleetDatabase, FleetDatabase> update) =>
        UpdateInstance(snapshot, fleetEvent, instance =>
        {
            var database = instance.FindDatabase(fleetEvent.Database) ?? throw Reject(fleetEvent, fleetEvent.Database,
                $"event at {Time(fleetEvent)} names database '{fleetEvent.Database}' of instance '{instance.Name}' on host '{fleetEvent.Host}', which does not exist at that time",
                "name a database the instance has at that time, or add it with an earlier addDatabase event");
            return instance with { Databases = Replace(instance.Databases, database, update(database)) };
        });

    private static FleetSnapshot AddDatabase(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, FleetDatabase database)
    {
        var host = RequireHost(snapshot, fleetEvent, fleetEvent.Host);
        var instance = RequireInstance(fleetEvent, host);
        if (instance.FindDatabase(database.Name) is not null)
        {
            throw Reject(fleetEvent, database.Name, $"event at {Time(fleetEvent)} adds database '{database.Name}' to instance '{instance.Name}', which already has it",
                "give the new database another name, or remove the old one first");
        }

        var added = instance with { Databases = [.. instance.Databases, ResolveCompatibilityLevel(instance, database)] };
        var key = FleetSnapshot.DatabaseKey(host.VmId, instance.Name, database.Name);

        return snapshot with
        {
            Hosts = snapshot.Hosts.Replace(host, host with { Instances = Replace(host.Instances, instance, added) }, ReferenceEqualityComparer.Instance),
            DatabaseCreated = snapshot.DatabaseCreated.SetItem(key, fleetEvent.At),
        };
    }

    private static FleetSnapshot RemoveDatabase(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, string name) =>
        UpdateInstance(snapshot, fleetEvent, instance =>
        {
            var database = instance.FindDatabase(name) ?? throw Reject(fleetEvent, name,
                $"event at {Time(fleetEvent)} removes database '{name}' from instance '{instance.Name}', which does not have it at that time",
                "name a database the instance has at that time");
            return instance with { Databases = instance.Databases.Where(existing => !ReferenceEquals(existing, database)).ToList() };
        });

    private static FleetSnapshot AddInstance(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, FleetInstance instance) =>
        UpdateHost(snapshot, fleetEvent, host =>
        {
            if (host.FindInstance(instance.Name) is not null)
            {
                throw Reject(fleetEvent, instance.Name, $"event at {Time(fleetEvent)} installs instance '{instance.Name}' on host '{host.Name}', which already has an instance of that name",
                    "give the new instance another name (instance names ignore case), or remove the old one first");
            }

            return host with { Instances = [.. host.Instances, ResolveCompatibilityLevels(instance)] };
        });

    private static FleetSnapshot RemoveInstance(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, string name) =>
        UpdateHost(snapshot, fleetEvent, host =>
        {
            var instance = host.FindInstance(name) ?? throw Reject(fleetEvent, name,
                $"event at {Time(fleetEvent)} removes instance '{name}' from host '{host.Name}', which does not have it at that time",
                "name an instance the host has at that time");
            return host with { Instances = host.Instances.Where(existing => !ReferenceEquals(existing, instance)).ToList() };
        });

    private static FleetSnapshot Failover(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, FailoverAction failover)
    {
        var target = RequireHost(snapshot, fleetEvent, failover.To);
        var group = target.Instances.Select(instance => instance.FindAvailabilityGroup(failover.AvailabilityGroup)).FirstOrDefault(found => found is not null)
            ?? throw Reject(fleetEvent, failover.AvailabilityGroup,
                $"event at {Time(fleetEvent)} fails availability group '{failover.AvailabilityGroup}' over to host '{target.Name}', which holds no replica of it",
                "name a host whose instance lists the group under availabilityGroups");

        var hosts = snapshot.Hosts.Select(host => SetRoles(host, group.Id, host.VmId == target.VmId)).ToImmutableList();
        return snapshot with { Hosts = hosts };
    }

    private static FleetHost SetRoles(FleetHost host, Guid groupId, bool isPrimaryHost)
    {
        var role = isPrimaryHost ? FleetValues.Primary : FleetValues.Secondary;
        var instances = host.Instances.Select(instance => instance with
        {
            AvailabilityGroups = instance.AvailabilityGroups.Select(group => group.Id == groupId ? group with { Role = role } : group).ToList(),
        });

        return host with { Instances = instances.ToList() };
    }

    private static FleetSnapshot Disconnect(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, TimeSpan duration)
    {
        var host = RequireHost(snapshot, fleetEvent, fleetEvent.Host);
        var window = new Disconnection(host.VmId, fleetEvent.At, fleetEvent.At + duration);

        return snapshot with { Disconnections = snapshot.Disconnections.Add(window) };
    }

    private static FleetSnapshot Rename(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, string newName)
    {
        var host = RequireHost(snapshot, fleetEvent, fleetEvent.Host);
        var clash = snapshot.FindHost(newName);
        if (clash is not null && clash.VmId != host.VmId)
        {
            throw Reject(fleetEvent, newName, $"event at {Time(fleetEvent)} renames host '{host.Name}' to '{newName}', which another host is named at that time",
                "pick a name no other host has (host names ignore case)");
        }

        var oldName = host.Name;
        var hosts = snapshot.Hosts
            .Select(existing => existing.VmId == host.VmId ? existing with { Name = newName } : existing)
            .Select(existing => HostReferences.Rename(existing, oldName, newName))
            .ToImmutableList();

        return snapshot with { Hosts = hosts };
    }

    private static FleetSnapshot ChangeLicense(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, LicenseAction action)
    {
        var license = snapshot.Licenses.FirstOrDefault(existing => string.Equals(existing.Name, action.Name, StringComparison.OrdinalIgnoreCase))
            ?? throw Reject(fleetEvent, action.Name, $"event at {Time(fleetEvent)} changes license '{action.Name}', which does not exist",
                "name a license listed under licenses");

        return snapshot with { Licenses = snapshot.Licenses.Replace(license, action.Change.ApplyTo(license), ReferenceEqualityComparer.Instance) };
    }

    private static FleetSnapshot ChangeProvider(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, ProviderAction action) => snapshot with
    {
        Providers = snapshot.Providers.SetItem(action.Name, action.Registered),
        ProviderHistory = snapshot.ProviderHistory.Add(new ProviderChange(fleetEvent.At, action.Name, action.Registered)),
    };

    private static FleetHost RequireHost(FleetSnapshot snapshot, FleetTimelineEvent fleetEvent, string name) =>
        snapshot.FindHost(name) ?? throw Reject(fleetEvent, name,
            $"event at {Time(fleetEvent)} names host '{name}', which does not exist at that time",
            "name the host as it is called at that time, which after a rename is its new name");

    private static FleetInstance RequireInstance(FleetTimelineEvent fleetEvent, FleetHost host) =>
        host.FindInstance(fleetEvent.Instance) ?? throw Reject(fleetEvent, fleetEvent.Instance,
            $"event at {Time(fleetEvent)} names instance '{fleetEvent.Instance}' on host '{host.Name}', which does not exist at that time",
            "name an instance the host has at that time, or install it with an earlier addInstance event");

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> items, T old, T replacement) where T : class =>
        items.Select(item => ReferenceEquals(item, old) ? replacement : item).ToList();

    private static string Time(FleetTimelineEvent fleetEvent) => FleetTime.FormatTimestamp(fleetEvent.At);

    private static TimelineRejection Reject(FleetTimelineEvent fleetEvent, string value, string problem, string fix) =>
        new(fleetEvent, value, problem, fix);
}
