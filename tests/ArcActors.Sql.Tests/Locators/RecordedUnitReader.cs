using ArcActors.Sql.Locators;

namespace ArcActors.Sql.Tests.Locators;

/// <summary>Returns recorded <c>systemctl show</c> output and remembers which unit was requested.</summary>
internal sealed class RecordedUnitReader(string output) : ISystemdUnitReader
{
    // Written in the format of `systemctl show mssql-server --property=LoadState,ActiveState,SubState`: one Name=value line per property.
    public const string Running = "LoadState=loaded\nActiveState=active\nSubState=running\n";
    public const string Stopped = "LoadState=loaded\nActiveState=inactive\nSubState=dead\n";
    public const string Failed = "LoadState=loaded\nActiveState=failed\nSubState=failed\n";
    public const string NotFound = "LoadState=not-found\nActiveState=inactive\nSubState=dead\n";

    public List<string> RequestedUnits { get; } = [];

    public Task<string> ShowAsync(string unit, CancellationToken cancellationToken)
    {
        RequestedUnits.Add(unit);
        return Task.FromResult(output);
    }
}
