namespace ArcActors.Sql.Mapping;

/// <summary>Maps <c>sys.databases.state_desc</c> to the ARM <c>state</c> of a database.</summary>
public static class DatabaseStateMapping
{
    /// <summary>The ARM state of an online database, the only state whose files can be read.</summary>
    public const string Online = "Online";

    private static readonly Dictionary<string, string> ArmStates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ONLINE"] = Online,
        ["RESTORING"] = "Restoring",
        ["RECOVERING"] = "Recovering",
        ["RECOVERY_PENDING"] = "RecoveryPending",
        ["SUSPECT"] = "Suspect",
        ["EMERGENCY"] = "Emergency",
        ["OFFLINE"] = "Offline",
        ["COPYING"] = "Copying",
        ["OFFLINE_SECONDARY"] = "OfflineSecondary",
    };

    /// <summary>Finds the ARM state for a <c>state_desc</c> such as RECOVERY_PENDING; false when the text is unknown.</summary>
    public static bool TryToArmState(string? stateDesc, out string armState)
    {
        armState = "";
        if (stateDesc is null)
        {
            return false;
        }

        if (!ArmStates.TryGetValue(stateDesc.Trim(), out var found))
        {
            return false;
        }

        armState = found;
        return true;
    }

    /// <summary>Returns the ARM state, or the <c>state_desc</c> text unchanged when it is unknown, so no database is dropped for it.</summary>
    public static string ToArmStateOrRaw(string? stateDesc) =>
        TryToArmState(stateDesc, out var armState) ? armState : stateDesc ?? "";
}
