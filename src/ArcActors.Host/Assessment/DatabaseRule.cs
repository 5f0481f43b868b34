using ArcActors.Contracts.Assessment;

namespace ArcActors.Host.Assessment;

/// <summary>
/// A rule over one database. <see cref="Check"/> returns the finding's message, or null when the
/// database passes or the rule does not apply to it.
/// </summary>
/// <param name="onlineOnly">
/// True for rules that need the details SQL Server reports only for an ONLINE database (sizes,
/// backups, CHECKDB), or that make no sense for a database that cannot be used. Only the database state
/// rules pass false.
/// </param>
public sealed class DatabaseRule(string id, AssessmentSeverity severity, string recommendationLink, Func<DatabaseContext, string?> check, bool onlineOnly = true)
    : IAssessmentRule
{
    public string Id => id;
    public AssessmentSeverity Severity => severity;
    public AssessmentScope Scope => AssessmentScope.Database;
    public string RecommendationLink => recommendationLink;
    public bool OnlineOnly => onlineOnly;

    public string? Check(DatabaseContext context) => check(context);
}
