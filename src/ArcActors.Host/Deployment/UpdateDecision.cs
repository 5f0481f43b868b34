namespace ArcActors.Host.Deployment;

/// <summary>
/// The automatic updates decision for one update: install now, wait until <see cref="WaitUntil"/> (the next
/// maintenance window start, UTC), or never, with <see cref="Reason"/> saying why.
/// </summary>
public sealed record UpdateDecision(UpdateDecisionKind Kind, DateTimeOffset? WaitUntil, string Reason)
{
    public static UpdateDecision InstallNow(string reason) => new(UpdateDecisionKind.InstallNow, null, reason);

    public static UpdateDecision Wait(DateTimeOffset until, string reason) => new(UpdateDecisionKind.WaitUntil, until, reason);

    public static UpdateDecision Never(string reason) => new(UpdateDecisionKind.Never, null, reason);
}
