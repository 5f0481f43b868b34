using ArcActors.Contracts;

namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>Parses fleet file text into a validated <see cref="Fleet"/>, or throws <see cref="FleetFileException"/>.</summary>
internal sealed class FleetParser(string fileName)
{
    private static readonly DateTimeOffset EarliestStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestStart = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ParseContext _context = new(fileName);

    public Fleet Parse(string text)
    {
        var root = YamlTreeLoader.Load(_context, text);
        var reader = YamlMapReader.Open(_context, root, "the fleet file", FleetKeys.Top);
        var start = ReadStart(reader);
        var hostNodes = reader.Require(reader.List("hosts"), "hosts", "hosts: [ { name: sql-01, logicalProcessors: 4 } ]");

        var fleet = new Fleet
        {
            SubscriptionId = reader.Require(reader.Guid("subscriptionId"), "subscriptionId", "subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077"),
            ResourceGroup = reader.Require(NameReader.ResourceGroup(reader, "resourceGroup"), "resourceGroup", "resourceGroup: sql-fleet"),
            Location = NameReader.Location(reader, "location") ?? "westeurope",
            Start = start,
            Providers = ReadProviders(reader),
            Licenses = ReadLicenses(reader),
            Hosts = ReadHosts(hostNodes),
            Timeline = (reader.List("timeline") ?? []).Select(node => TimelineReader.ReadEvent(_context, node, start)).ToList(),
        };

        ValidateTimeline(fleet);
        return fleet;
    }

    /// <summary>
    /// Reads the virtual clock start. It must lie in 2000–2100, so that a simulation of years of
    /// hours, and every duration after start, stays far inside <see cref="DateTimeOffset"/>.
    /// </summary>
    private static DateTimeOffset ReadStart(YamlMapReader reader)
    {
        var start = reader.Require(reader.Timestamp("start"), "start", "start: 2026-11-30T00:00:00Z");
        if (start < EarliestStart || start > LatestStart)
        {
            var text = FleetTime.FormatTimestamp(start);
            throw reader.Error("start", text, $"start {text} is outside {FleetTime.FormatTimestamp(EarliestStart)} to {FleetTime.FormatTimestamp(LatestStart)}",
                "give a start in that range, for example start: 2026-11-30T00:00:00Z");
        }

        return start;
    }

    private IReadOnlyDictionary<string, bool> ReadProviders(YamlMapReader top)
    {
        var providers = FleetValues.DefaultProviders();
        var reader = top.Map("providers", "providers", FleetValues.Providers);
        if (reader is null)
        {
            return providers;
        }

        foreach (var name in reader.Keys)
        {
            var state = reader.Require(reader.Enum(name, FleetValues.ProviderStates), name, $"{name}: Registered");
            providers[name] = state == FleetValues.Registered;
        }

        return providers;
    }

    private IReadOnlyList<FleetLicense> ReadLicenses(YamlMapReader top)
    {
        var licenses = new List<FleetLicense>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in top.List("licenses") ?? [])
        {
            var license = DatabaseReader.ReadLicense(_context, node);
            if (!names.Add(license.Name))
            {
                throw _context.Error(node, license.Name, $"two licenses are named '{license.Name}'", "give each license its own name");
            }

            licenses.Add(license);
        }

        return licenses;
    }

    private IReadOnlyList<FleetHost> ReadHosts(IReadOnlyList<YamlTreeNode> nodes)
    {
        var hosts = new List<FleetHost>();
        var names = new HashSet<string>(FleetValues.HostNameComparer);
        var namesByVmId = new Dictionary<Guid, string>();
        foreach (var node in nodes)
        {
            var host = HostReader.ReadHost(_context, node);
            if (!names.Add(host.Name))
            {
                throw _context.Error(node, host.Name, $"two hosts are named '{host.Name}' (host names ignore case)",
                    "give each host its own name");
            }

            if (!namesByVmId.TryAdd(host.VmId, host.Name))
            {
                throw _context.Error(node, host.VmId.ToString(), $"hosts '{namesByVmId[host.VmId]}' and '{host.Name}' have the same vmId {host.VmId}",
                    "give each host its own vmId, or leave vmId out to derive it from the host name");
            }

            hosts.Add(host);
        }

        RejectSharedResourceNames(nodes, hosts);
        return hosts;
    }

    /// <summary>
    /// Rejects two instances with one ARM resource name, such as instance SALES on host app and the
    /// default instance of host app_SALES (both 'app_SALES'), because the second would overwrite the
    /// first. Resource names ignore case, as ARM compares them.
    /// </summary>
    private void RejectSharedResourceNames(IReadOnlyList<YamlTreeNode> hostNodes, IReadOnlyList<FleetHost> hosts)
    {
        var owners = new Dictionary<string, (string Host, string Instance)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < hosts.Count; i++)
        {
            var instanceNodes = InstanceNodes(hostNodes[i]);
            for (var j = 0; j < hosts[i].Instances.Count; j++)
            {
                var instance = hosts[i].Instances[j].Name;
                var clash = FindSharedResourceName(owners, hosts[i].Name, instance);
                if (clash is not null)
                {
                    throw _context.Error(ParseContext.LineOf(instanceNodes[j]), instance, clash, SharedResourceNameFix);
                }
            }
        }
    }

    /// <summary>Adds the instance to <paramref name="owners"/>, or returns the problem when another instance has its resource name.</summary>
    private static string? FindSharedResourceName(Dictionary<string, (string Host, string Instance)> owners, string host, string instance)
    {
        var resourceName = NameRules.InstanceResourceName(host, instance);
        if (owners.TryAdd(resourceName, (host, instance)))
        {
            return null;
        }

        var (otherHost, otherInstance) = owners[resourceName];
        return $"instance '{instance}' of host '{host}' and instance '{otherInstance}' of host '{otherHost}' both get the resource name " +
            $"'{resourceName}', because a named instance is named <host>_<instance> and the default instance {NameRules.DefaultInstanceName} is named <host>";
    }

    private const string SharedResourceNameFix = "rename one of the two hosts or instances, so that the resource names differ (they ignore case)";

    private static IReadOnlyList<YamlTreeNode> InstanceNodes(YamlTreeNode hostNode)
    {
        var entry = ((YamlTreeMap)hostNode).Entries.FirstOrDefault(pair => pair.Key is YamlTreeScalar { Value: "instances" });
        return entry.Value is YamlTreeList list ? list.Items : [];
    }

    /// <summary>Applies the whole timeline to a scratch state, so an event naming something absent at its time is rejected with its line.</summary>
    private void ValidateTimeline(Fleet fleet)
    {
        var state = new FleetState(fleet);
        try
        {
            foreach (var time in state.EventTimes)
            {
                var applied = state.ApplyUntil(time);
                RejectSharedResourceNames(state, applied);
            }
        }
        catch (TimelineRejection rejection)
        {
            throw _context.Error(rejection.Event.Line, rejection.Value, rejection.Problem, rejection.Fix);
        }
    }

    /// <summary>
    /// Rejects an addInstance or rename event after which two instances share a resource name, at the
    /// event's line. NOTE: each such event time rebuilds the names of the whole fleet, so a fleet with
    /// thousands of them and many hosts parses slowly.
    /// </summary>
    private void RejectSharedResourceNames(FleetState state, IReadOnlyList<FleetTimelineEvent> applied)
    {
        var changing = applied.LastOrDefault(fleetEvent => fleetEvent.Action is AddInstanceAction or RenameAction);
        if (changing is null)
        {
            return;
        }

        var owners = new Dictionary<string, (string Host, string Instance)>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in state.Hosts)
        {
            foreach (var instance in host.Instances)
            {
                var clash = FindSharedResourceName(owners, host.Name, instance.Name);
                if (clash is not null)
                {
                    throw _context.Error(changing.Line, instance.Name, $"after the event at {FleetTime.FormatTimestamp(changing.At)}, {clash}", SharedResourceNameFix);
                }
            }
        }
    }
}
