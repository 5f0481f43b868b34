namespace ArcActors.Host.Deployment;

/// <summary>
/// Decides when automatic updates install an update: only updates rated Critical or Important, only on
/// Windows hosts, and only while the maintenance window is open. Automatic updates are off by default;
/// a host with them off has no policy.
/// </summary>
/// <remarks>NOTE: an update starts whenever the window is open, even a minute before it closes; the policy does not estimate install time.</remarks>
public sealed class AutomaticUpdatePolicy(MaintenanceWindow window)
{
    public MaintenanceWindow Window { get; } = window ?? throw new ArgumentNullException(nameof(window));

    /// <summary>Returns the decision for <paramref name="update"/> on a host whose OS is <paramref name="hostOs"/> (as MachineSnapshot.Os), at <paramref name="now"/>.</summary>
    public UpdateDecision Decide(AvailableUpdate update, string hostOs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(hostOs);

        if (update.Classification is not (UpdateClassification.Critical or UpdateClassification.Important))
        {
            return UpdateDecision.Never(
                $"update {update.Id} is rated {update.Classification}; automatic updates install only Critical and Important updates.");
        }

        if (!string.Equals(hostOs, "Windows", StringComparison.OrdinalIgnoreCase))
        {
            return UpdateDecision.Never($"the host OS is {hostOs}; automatic updates run on Windows hosts only.");
        }

        if (Window.IsOpen(now))
        {
            return UpdateDecision.InstallNow($"update {update.Id} is rated {update.Classification} and the maintenance window is open.");
        }

        var next = Window.NextStart(now);
        return UpdateDecision.Wait(next, $"the maintenance window is closed; it opens next at {next:yyyy-MM-ddTHH:mm:ssZ}.");
    }
}
