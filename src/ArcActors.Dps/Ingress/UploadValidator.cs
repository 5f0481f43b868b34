using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;

namespace ArcActors.Dps.Ingress;

/// <summary>
/// Checks an upload before it reaches any entity. Each error names the field, the value and what a
/// valid value looks like; a rejected upload changes nothing.
/// </summary>
public static class UploadValidator
{
    /// <summary>Most databases one instance upload may list; SQL Server allows 32,767 per instance.</summary>
    public const int MaxDatabasesPerUpload = 32767;

    /// <summary>Most hourly records in one usage upload: 45 days.</summary>
    public const int MaxUsageRecordsPerUpload = 1080;

    public static string? Validate(object upload) => upload switch
    {
        UploadInventory inventory => ValidateInventory(inventory),
        UploadMachine machine => ValidateScope(machine.Scope) ?? ValidateHostName(machine.Machine.HostName)
            ?? (machine.Machine.LogicalProcessors < 1 ? $"logicalProcessors {machine.Machine.LogicalProcessors} of host '{machine.Machine.HostName}' is invalid; it must be at least 1." : null),
        UploadUsage usage => ValidateUsage(usage),
        _ => $"message type {upload.GetType().Name} is not an upload.",
    };

    private static string? ValidateInventory(UploadInventory upload)
    {
        var error = ValidateScope(upload.Scope) ?? ValidateHostName(upload.HostName) ?? ValidateSqlName("instance", upload.Instance.InstanceName);
        if (error is not null)
        {
            return error;
        }

        if (!string.Equals(upload.Key.InstanceName, upload.Instance.InstanceName, StringComparison.OrdinalIgnoreCase))
        {
            return $"instance name '{upload.Instance.InstanceName}' does not match the routing key '{upload.Key.InstanceName}'; send both with the same name.";
        }

        if (upload.AllDatabaseNames.Count > MaxDatabasesPerUpload)
        {
            return $"the upload lists {upload.AllDatabaseNames.Count} databases; at most {MaxDatabasesPerUpload} are allowed per instance.";
        }

        return upload.AllDatabaseNames.Select(name => ValidateSqlName("database", name)).FirstOrDefault(message => message is not null);
    }

    private static string? ValidateUsage(UploadUsage upload)
    {
        var error = ValidateScope(upload.Scope) ?? ValidateHostName(upload.HostName);
        if (error is not null)
        {
            return error;
        }

        if (upload.Records.Count is 0 or > MaxUsageRecordsPerUpload)
        {
            return $"a usage upload contains {upload.Records.Count} records, which is invalid; send between 1 and {MaxUsageRecordsPerUpload}.";
        }

        var foreign = upload.Records.FirstOrDefault(record => record.VmId != upload.VmId);
        if (foreign is not null)
        {
            return $"usage record for machine {foreign.VmId} arrived in the upload of machine {upload.VmId}; a host may only report its own usage.";
        }

        var unaligned = upload.Records.FirstOrDefault(record => record.HourStart.Offset != TimeSpan.Zero || record.HourStart.Minute != 0 || record.HourStart.Second != 0);
        return unaligned is null ? null : $"hourStart {unaligned.HourStart:O} is not the start of a UTC hour; round it down to the hour in UTC.";
    }

    private static string? ValidateScope(ResourceScope scope)
    {
        if (!Guid.TryParse(scope.SubscriptionId, out _))
        {
            return $"subscriptionId '{scope.SubscriptionId}' is not a GUID; use the subscription's GUID.";
        }

        return NameRules.ResourceGroupError(scope.ResourceGroup);
    }

    private static string? ValidateHostName(string hostName) => NameRules.HostNameError(hostName);

    private static string? ValidateSqlName(string kind, string name) => NameRules.SqlNameError(kind, name);

}
