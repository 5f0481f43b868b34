using ArcActors.Contracts.Usage;

namespace ArcActors.Billing;

/// <summary>The instance that reports usage for a set of instances, with its edition in ARM spelling.</summary>
internal sealed record ReportingInstance(InstanceUsage Instance, string Edition)
{
    /// <summary>
    /// Selects the instance with the highest edition. Ties go to the first instance name in
    /// case-insensitive ordinal order.
    /// </summary>
    /// <exception cref="ArgumentException">An instance has an edition that does not bill, such as Business Intelligence.</exception>
    public static ReportingInstance Select(IEnumerable<InstanceUsage> instances)
    {
        var candidates = instances.Select(ToCandidate).ToList();
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one instance is needed to select a reporting instance.", nameof(instances));
        }

        return candidates
            .OrderByDescending(candidate => EditionRank.Of(candidate.Edition))
            .ThenBy(candidate => candidate.Instance.InstanceName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(candidate => candidate.Instance.InstanceName, StringComparer.Ordinal)
            .First();
    }

    private static ReportingInstance ToCandidate(InstanceUsage instance)
    {
        var edition = Editions.TryNormalize(instance.Edition);
        if (edition is null)
        {
            throw new ArgumentException(
                $"Instance '{instance.InstanceName}' has edition '{instance.Edition}', which does not bill. " +
                "Expected Enterprise, Standard, Web, Express, Developer or Evaluation. Exclude the instance upstream.",
                nameof(instance));
        }

        return new ReportingInstance(instance, edition);
    }
}
