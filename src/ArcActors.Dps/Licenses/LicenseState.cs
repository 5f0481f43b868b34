using System.Globalization;
using ArcActors.Contracts.Events;
using ArcActors.Contracts.Licenses;
using ArcActors.ReadModel;

namespace ArcActors.Dps.Licenses;

/// <summary>
/// State of one license entity and the decisions on its commands, kept outside the actor so that
/// they are testable without an actor system. A decision returns null when nothing would change.
/// </summary>
public sealed class LicenseState
{
    public LicenseResource? License { get; private set; }

    /// <summary>Decides a PUT: the event that creates or replaces the license, or null when it is already as requested.</summary>
    public LicenseWritten? Decide(PutLicense put)
    {
        ArgumentNullException.ThrowIfNull(put);

        var previous = License;
        var properties = WithActivationTimes(put.Properties, previous?.Properties, put.At) with
        {
            TenantId = previous?.Properties.TenantId ?? put.Properties.TenantId,
        };
        var next = new LicenseResource(
            previous?.Scope ?? put.Scope,
            previous?.Name ?? put.Name,
            put.Tags,
            properties,
            previous?.CreatedAt ?? put.At,
            previous?.CreatedBy ?? put.Caller,
            put.At,
            put.Caller);

        return Written(previous, next);
    }

    /// <summary>
    /// Returns why a PUT cannot replace the license, or null when it can: an existing resource keeps its
    /// location, as in ARM, so a PUT that names another location is rejected.
    /// </summary>
    public string? LocationConflict(PutLicense put)
    {
        ArgumentNullException.ThrowIfNull(put);
        if (License is not { } license || string.Equals(license.Scope.Location, put.Scope.Location, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return $"The license '{license.Name}' already exists in location '{license.Scope.Location}', so it cannot be put in location "
            + $"'{put.Scope.Location}'. Send location '{license.Scope.Location}', or delete the license first.";
    }

    /// <summary>Decides a PATCH of an existing license; the caller checks <see cref="License"/> for null first.</summary>
    public LicenseWritten? Decide(PatchLicense patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var previous = License ?? throw new InvalidOperationException($"License '{patch.LicenseId}' does not exist; reply NotFound before deciding a PATCH.");

        var change = patch.Properties;
        var merged = previous.Properties with
        {
            BillingPlan = change.BillingPlan ?? previous.Properties.BillingPlan,
            PhysicalCores = change.PhysicalCores ?? previous.Properties.PhysicalCores,
            LicenseCategory = change.LicenseCategory ?? previous.Properties.LicenseCategory,
            ScopeType = change.ScopeType ?? previous.Properties.ScopeType,
            ActivationState = change.ActivationState ?? previous.Properties.ActivationState,
        };
        var next = previous with
        {
            Tags = patch.Tags ?? previous.Tags,
            Properties = WithActivationTimes(merged, previous.Properties, patch.At),
            LastModifiedAt = patch.At,
            LastModifiedBy = patch.Caller,
        };

        return Written(previous, next);
    }

    /// <summary>Decides a DELETE: the event that removes the license, or null when there is none.</summary>
    public LicenseDeleted? Decide(DeleteLicense delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        if (License is not { } license)
        {
            return null;
        }

        var change = new ResourceChange(LicenseIds.ResourceType, license.Name, "delete", [], delete.Caller);
        return new LicenseDeleted(license.Scope, license.Name, delete.At, delete.Caller, [change]);
    }

    public void Apply(LicenseWritten written) => License = written.ToResource();

    public void Apply(LicenseDeleted deleted) => License = null;

    // A license that becomes Activated records the time in lastActivatedAt, and one that goes from Activated
    // to Deactivated records it in lastDeactivatedAt. A license created Deactivated has neither.
    private static LicenseProperties WithActivationTimes(LicenseProperties requested, LicenseProperties? previous, DateTimeOffset at)
    {
        var wasActivated = previous?.IsActivated ?? false;
        var result = requested with
        {
            LastActivatedAt = previous?.LastActivatedAt,
            LastDeactivatedAt = previous?.LastDeactivatedAt,
        };

        if (requested.IsActivated && !wasActivated)
        {
            return result with { LastActivatedAt = at };
        }

        if (!requested.IsActivated && wasActivated)
        {
            return result with { LastDeactivatedAt = at };
        }

        return result;
    }

    private static LicenseWritten? Written(LicenseResource? previous, LicenseResource next)
    {
        var changed = PropertyChanges(previous, next);
        if (previous is not null && changed.Count == 0)
        {
            return null;
        }

        var change = new ResourceChange(LicenseIds.ResourceType, next.Name, "write", changed, next.LastModifiedBy);
        return new LicenseWritten(
            next.Scope, next.Name, next.LastModifiedAt, next.LastModifiedBy, next.Properties, next.Tags, next.CreatedAt, next.CreatedBy, [change]);
    }

    private static List<PropertyChange> PropertyChanges(LicenseResource? previous, LicenseResource next)
    {
        var before = Describe(previous).ToDictionary(StringComparer.Ordinal);
        var after = Describe(next);
        var changes = new List<PropertyChange>();

        foreach (var (property, newValue) in after)
        {
            var oldValue = before.GetValueOrDefault(property, "");
            if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
            {
                changes.Add(new PropertyChange(property, oldValue, newValue));
            }
        }

        return changes;
    }

    // The values compared and logged, as text, in the order ARM lists the properties.
    private static List<KeyValuePair<string, string>> Describe(LicenseResource? license)
    {
        if (license is null)
        {
            return [];
        }

        var properties = license.Properties;
        return
        [
            new("location", license.Scope.Location),
            new("tags", string.Join(", ", license.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal).Select(tag => $"{tag.Key}={tag.Value}"))),
            new("billingPlan", properties.BillingPlan),
            new("physicalCores", properties.PhysicalCores.ToString(CultureInfo.InvariantCulture)),
            new("licenseCategory", properties.LicenseCategory),
            new("scopeType", properties.ScopeType),
            new("activationState", properties.ActivationState),
            new("lastActivatedAt", Time(properties.LastActivatedAt)),
            new("lastDeactivatedAt", Time(properties.LastDeactivatedAt)),
        ];
    }

    private static string Time(DateTimeOffset? value) => value is { } at ? ArmTime.Format(at) : "";
}
