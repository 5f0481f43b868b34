using System.Text;
using System.Text.Json.Serialization;
using ArcActors.Contracts.Jobs;

namespace ArcActors.Contracts.Ingress;

/// <summary>
/// An upload sent by a host node through its link, with the enrollment key that proves which
/// machine the host is. Exactly one of <see cref="Inventory"/>, <see cref="Machine"/>,
/// <see cref="Usage"/>, <see cref="Pull"/> and <see cref="Report"/> is set. They are typed fields, not one <c>object</c>, so the JSON serializer
/// never reads a type name from the wire. <see cref="ToString"/> leaves the key out, so the record
/// can appear in logs and dead letters.
/// </summary>
/// <param name="HostKeyId">Public id of the enrollment key, for example <c>hk-0f3a9c2e81d4</c>.</param>
/// <param name="Key">The secret enrollment key printed by <c>arcactors host enroll</c>; the cloud side stores only its SHA-256 hash.</param>
public sealed record AuthenticatedUpload(
    string HostKeyId,
    string Key,
    UploadInventory? Inventory,
    UploadMachine? Machine,
    UploadUsage? Usage) : IArcActorsMessage
{
    /// <summary>A pull of the host's relay jobs.</summary>
    public PullJobs? Pull { get; init; }

    /// <summary>A relay job report.</summary>
    public ReportJob? Report { get; init; }

    /// <summary>The wrapped upload, or null when no field is set.</summary>
    [JsonIgnore]
    public IArcActorsMessage? Upload =>
        (IArcActorsMessage?)Inventory ?? (IArcActorsMessage?)Machine ?? (IArcActorsMessage?)Usage ?? (IArcActorsMessage?)Pull ?? Report;

    /// <summary>Wraps <paramref name="upload"/>, which must be an <see cref="UploadInventory"/>, <see cref="UploadMachine"/> or <see cref="UploadUsage"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="upload"/> is another message type.</exception>
    public static AuthenticatedUpload Wrap(string hostKeyId, string key, IArcActorsMessage upload) => upload switch
    {
        UploadInventory inventory => new AuthenticatedUpload(hostKeyId, key, inventory, null, null),
        UploadMachine machine => new AuthenticatedUpload(hostKeyId, key, null, machine, null),
        UploadUsage usage => new AuthenticatedUpload(hostKeyId, key, null, null, usage),
        PullJobs pull => new AuthenticatedUpload(hostKeyId, key, null, null, null) { Pull = pull },
        ReportJob report => new AuthenticatedUpload(hostKeyId, key, null, null, null) { Report = report },
        _ => throw new ArgumentException(
            $"message type {upload.GetType().Name} is not an upload; wrap only UploadInventory, UploadMachine, UploadUsage, PullJobs or ReportJob.", nameof(upload)),
    };

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"HostKeyId = {HostKeyId}, Key = <redacted>, Upload = {Upload?.GetType().Name ?? "none"}");
        return true;
    }
}
