using ArcActors.Contracts.Inventory;

namespace ArcActors.Sql.Backups;

/// <summary>
/// The instance facts that decide whether automated backups may run and how they are written.
/// </summary>
/// <param name="Edition">ARM edition: Enterprise, Standard, Web, Developer, Express or Evaluation.</param>
/// <param name="LicenseType">ARM license type; automated backups need Paid or PAYG.</param>
/// <param name="AlwaysOnRole">ARM alwaysOnRole: None, FailoverClusterInstance, FailoverClusterNode or AvailabilityGroupReplica.</param>
/// <param name="HostsAvailabilityGroupReplica">True when the instance holds a replica of any availability group.</param>
/// <param name="DefaultBackupPath">The folder <c>SERVERPROPERTY('InstanceDefaultBackupPath')</c> returns; empty when it returned NULL.</param>
/// <param name="Policy">The instance-level backup policy, or null when none is set.</param>
public sealed record BackupInstance(
    string Edition,
    string LicenseType,
    string AlwaysOnRole,
    bool HostsAvailabilityGroupReplica,
    string DefaultBackupPath,
    BackupPolicy? Policy);
