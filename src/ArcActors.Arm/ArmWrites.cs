using System.Text.Json.Nodes;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Arm;

/// <summary>A validated PATCH of an instance: each property is null when the request leaves it unchanged.</summary>
public sealed record InstancePatch(string ResourceId, Guid VmId, string InstanceName, BackupPolicy? BackupPolicy, bool? MonitoringEnabled, string Caller)
{
    /// <summary>The monitoring state the resource shows now, which is the default while no PATCH has set it.</summary>
    public bool MonitoringShown { get; init; }
}

/// <summary>A PUT (<see cref="Replace"/> true) or PATCH of a <c>sqlServerLicenses</c> resource, with the request body as sent.</summary>
public sealed record LicenseWrite(string ResourceId, string SubscriptionId, string ResourceGroup, string Name, bool Replace, JsonObject Body, string Caller);
