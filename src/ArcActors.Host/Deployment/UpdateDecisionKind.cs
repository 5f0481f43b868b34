namespace ArcActors.Host.Deployment;

/// <summary>What automatic updates do with one update now.</summary>
public enum UpdateDecisionKind
{
    InstallNow,
    WaitUntil,
    Never,
}
