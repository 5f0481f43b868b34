namespace ArcActors.Sql.Mapping;

/// <summary>Maps <c>sys.databases.recovery_model_desc</c> to the ARM <c>recoveryMode</c> of a database.</summary>
public static class RecoveryModelMapping
{
    private static readonly Dictionary<string, string> ArmModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FULL"] = "Full",
        ["BULK_LOGGED"] = "Bulk-logged",
        ["SIMPLE"] = "Simple",
    };

    /// <summary>Finds the ARM recovery mode for FULL, BULK_LOGGED or SIMPLE; false for any other text.</summary>
    public static bool TryToArmRecoveryMode(string? recoveryModelDesc, out string armMode)
    {
        armMode = "";
        if (recoveryModelDesc is null)
        {
            return false;
        }

        if (!ArmModes.TryGetValue(recoveryModelDesc.Trim(), out var found))
        {
            return false;
        }

        armMode = found;
        return true;
    }

    /// <summary>Returns the ARM recovery mode, or the text unchanged when it is unknown.</summary>
    public static string ToArmRecoveryModeOrRaw(string? recoveryModelDesc) =>
        TryToArmRecoveryMode(recoveryModelDesc, out var armMode) ? armMode : recoveryModelDesc ?? "";
}
