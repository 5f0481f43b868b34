using System.Text.Json.Serialization;

namespace ArcActors.Contracts.Licenses;

/// <summary>What a license command did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LicenseOutcome>))]
public enum LicenseOutcome
{
    /// <summary>A PUT created the license.</summary>
    Created,

    /// <summary>A PUT or PATCH changed an existing license, or found it already as requested.</summary>
    Updated,

    /// <summary>A DELETE removed the license.</summary>
    Deleted,

    /// <summary>The license does not exist, so a PATCH, DELETE or GET found nothing to act on.</summary>
    NotFound,

    /// <summary>A GET found the license.</summary>
    Found,

    /// <summary>The entity rejected the command; the reply's error code and message give the reason.</summary>
    Rejected,
}

/// <summary>
/// The reply to every license command: what happened and the license as it is now (null when absent).
/// <see cref="ErrorCode"/> and <see cref="ErrorMessage"/> are set only for <see cref="LicenseOutcome.Rejected"/>.
/// </summary>
public sealed record LicenseReply(string LicenseId, LicenseOutcome Outcome, LicenseResource? License, string ErrorCode = "", string ErrorMessage = "")
    : IArcActorsMessage;
