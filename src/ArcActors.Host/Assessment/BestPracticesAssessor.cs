using ArcActors.Contracts.Assessment;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Assessment;

/// <summary>Runs the best practices rule set over the configuration one inventory cycle collected.</summary>
public static class BestPracticesAssessor
{
    /// <summary>
    /// Assesses an instance and its databases at <paramref name="now"/>. Databases with a
    /// <see cref="DatabaseSnapshot.ProbeError"/> are skipped entirely. Databases that are not ONLINE
    /// get only the state rules, because SQL Server reports no sizes, backups or CHECKDB for them.
    /// An instance whose probe failed gets no findings at all, because its configuration is unknown;
    /// callers should check <see cref="InstanceSnapshot.Status"/> before presenting such a report as clean.
    /// </summary>
    public static AssessmentReport Assess(InstanceSnapshot instance, IReadOnlyList<DatabaseSnapshot> databases, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(databases);

        var findings = new List<AssessmentFinding>();
        if (instance.Status == ProbeStatus.Ok)
        {
            findings.AddRange(AssessInstance(instance, now));
            findings.AddRange(databases.SelectMany(database => AssessDatabase(new DatabaseContext(instance, database, now))));
        }

        return new AssessmentReport
        {
            InstanceName = instance.InstanceName,
            AssessedAt = now,
            RuleCount = AssessmentRuleSet.All.Count,
            Findings = Sort(findings),
        };
    }

    private static IEnumerable<AssessmentFinding> AssessInstance(InstanceSnapshot instance, DateTimeOffset now)
    {
        foreach (var rule in AssessmentRuleSet.InstanceRules)
        {
            var message = rule.Check(instance, now);
            if (message is not null)
            {
                yield return ToFinding(rule, instance.InstanceName, "", message);
            }
        }
    }

    private static IEnumerable<AssessmentFinding> AssessDatabase(DatabaseContext context)
    {
        if (context.Database.ProbeError.Length > 0)
        {
            yield break;
        }

        foreach (var rule in AssessmentRuleSet.DatabaseRules)
        {
            if (rule.OnlineOnly && !context.IsOnline)
            {
                continue;
            }

            var message = rule.Check(context);
            if (message is not null)
            {
                yield return ToFinding(rule, context.Instance.InstanceName, context.Name, message);
            }
        }
    }

    private static AssessmentFinding ToFinding(IAssessmentRule rule, string instanceName, string databaseName, string message) => new()
    {
        RuleId = rule.Id,
        Severity = rule.Severity,
        Scope = rule.Scope,
        InstanceName = instanceName,
        DatabaseName = databaseName,
        Message = message,
        RecommendationLink = rule.RecommendationLink,
    };

    /// <summary>Orders findings by severity (High first), then instance before database findings, then database name and rule id, ordinally.</summary>
    private static List<AssessmentFinding> Sort(List<AssessmentFinding> findings) => findings
        .OrderBy(finding => finding.Severity)
        .ThenBy(finding => finding.Scope)
        .ThenBy(finding => finding.DatabaseName, StringComparer.Ordinal)
        .ThenBy(finding => finding.RuleId, StringComparer.Ordinal)
        .ToList();
}
