using System.Text.Json;
using ArcActors.Contracts.Inventory;

namespace ArcActors.Host.Jobs;

/// <summary>
/// The <c>policy</c> parameter of a SetBackupPolicy job: a backup policy in JSON with the ARM property
/// names (<c>retentionPeriodDays</c>, <c>fullBackupDays</c>, <c>differentialBackupHours</c>,
/// <c>transactionLogBackupMinutes</c>), or the empty string for no policy.
/// </summary>
public static class BackupPolicyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Returns the parameter text of <paramref name="policy"/>; empty for null.</summary>
    public static string Write(BackupPolicy? policy) =>
        policy is null ? "" : JsonSerializer.Serialize(policy, Options);

    /// <summary>Returns the policy in <paramref name="text"/>, or null for empty text.</summary>
    /// <exception cref="JobInputException">The text is not a backup policy in JSON.</exception>
    public static BackupPolicy? Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BackupPolicy>(text, Options)
                ?? throw new JobInputException("the 'policy' parameter is JSON null; send a policy object, or an empty string for no policy.");
        }
        catch (JsonException exception)
        {
            throw new JobInputException(
                $"the 'policy' parameter is not a backup policy in JSON ({exception.Message}); send {{\"retentionPeriodDays\": 7, \"fullBackupDays\": 7, "
                + "\"differentialBackupHours\": 24, \"transactionLogBackupMinutes\": 5}, or an empty string for no policy.");
        }
    }
}
