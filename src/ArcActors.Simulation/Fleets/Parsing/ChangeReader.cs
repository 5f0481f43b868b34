namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>Reads the value maps of <c>change</c> events. Every key is optional and a missing key keeps its value.</summary>
internal static class ChangeReader
{
    public static HostChange ReadHostChange(YamlMapReader reader)
    {
        var extension = reader.Map("extension", "extension", FleetKeys.Extension);
        var logicalProcessors = HostReader.LogicalProcessors(reader);
        var physicalCores = HostReader.PhysicalCores(reader);
        // NOTE: only a change that sets both keys is checked. A change of logicalProcessors alone may
        // leave the earlier physicalCores above it, because the parsed host does not record whether
        // physicalCores was written or defaulted to logicalProcessors.
        if (logicalProcessors is { } logical && physicalCores is { } physical)
        {
            HostReader.CheckCores(reader, logical, physical);
        }

        return new HostChange
        {
            Os = reader.Enum("os", FleetValues.OperatingSystems),
            Manufacturer = reader.String("manufacturer"),
            Model = reader.String("model"),
            LogicalProcessors = logicalProcessors,
            PhysicalCores = physicalCores,
            Extension = extension is null ? null : HostReader.ExtensionChange(extension),
        };
    }

    public static InstanceChange ReadInstanceChange(YamlMapReader reader) => new()
    {
        Edition = reader.Enum("edition", FleetValues.Editions),
        Version = HostReader.Version(reader),
        Collation = reader.Name("collation"),
        TcpStaticPorts = HostReader.Ports(reader, "tcpStaticPorts"),
        TcpDynamicPorts = HostReader.Ports(reader, "tcpDynamicPorts"),
        State = reader.Enum("state", FleetValues.InstanceStates),
        LocalDb = reader.Bool("localDb"),
        FailoverCluster = HostReader.ReadFailoverCluster(reader),
        UserConnections = HostReader.UserConnections(reader),
        MaxServerMemoryMB = HostReader.MaxServerMemory(reader),
        TempdbDataFiles = HostReader.TempdbDataFiles(reader),
        AvailabilityGroups = HostReader.ReadAvailabilityGroups(reader, databases: null, collation: null),
    };
}
