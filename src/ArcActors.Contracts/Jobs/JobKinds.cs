namespace ArcActors.Contracts.Jobs;

/// <summary>The kinds of job the relay carries to a host, with the parameters each one reads.</summary>
public static class JobKinds
{
    /// <summary>Runs the best practices assessment on <see cref="JobCommand.InstanceName"/>; the result is an AssessmentReport in JSON.</summary>
    public const string BestPracticesAssessment = "BestPracticesAssessment";

    /// <summary>
    /// Takes the backups of <see cref="JobCommand.InstanceName"/> that its policy makes due now, or with the parameters
    /// <c>database</c> and <c>type</c> (Full, Differential or Log) one given backup.
    /// </summary>
    public const string Backup = "Backup";

    /// <summary>Runs a deployer operation: parameter <c>operation</c> is Install, Enable, Update, Disable or Uninstall; Update reads <c>settings</c> (ExtensionSettings in JSON).</summary>
    public const string Deploy = "Deploy";

    /// <summary>Re-applies the least-privilege plan of the host's enabled features and reports drift.</summary>
    public const string ReconcilePrivileges = "ReconcilePrivileges";

    /// <summary>Installs an update: parameters <c>updateId</c> and <c>classification</c> (Critical, Important, Moderate, Low).</summary>
    public const string InstallUpdate = "InstallUpdate";

    /// <summary>
    /// Stores the backup policy of <see cref="JobCommand.InstanceName"/> on the host, which then takes automated backups on that
    /// schedule: parameter <c>policy</c> is a BackupPolicy in JSON with the ARM property names, or empty for none. With parameter
    /// <c>database</c> the policy is that database's own, and an empty <c>policy</c> removes it so that the instance policy applies.
    /// </summary>
    public const string SetBackupPolicy = "SetBackupPolicy";

    public static IReadOnlyList<string> All { get; } = [BestPracticesAssessment, Backup, Deploy, ReconcilePrivileges, InstallUpdate, SetBackupPolicy];

    /// <summary>Returns the kind as written in <see cref="All"/>, matched case-insensitively, or null.</summary>
    public static string? Find(string kind) => All.FirstOrDefault(known => string.Equals(known, kind, StringComparison.OrdinalIgnoreCase));
}
