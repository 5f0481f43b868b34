using ArcActors.Sql.Backups;

namespace ArcActors.Host.Jobs;

/// <summary>How the host runs automated backups.</summary>
public sealed record BackupScheduleSettings
{
    /// <summary>How often the schedule is computed and due backups are taken. Slots start at whole minutes, so one minute loses none.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the retention cleanup runs per instance.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Which databases are backed up; the default follows the Azure extension.</summary>
    public BackupSelectionOptions Selection { get; init; } = BackupSelectionOptions.Default;
}
