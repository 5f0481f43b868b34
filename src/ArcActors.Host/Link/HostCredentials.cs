using System.Text;
using Akka.Configuration;

namespace ArcActors.Host.Link;

/// <summary>
/// The enrollment key of this host, issued by <c>arcactors host enroll</c> on a cloud node.
/// <see cref="ToString"/> leaves the key out, so the record can be logged.
/// </summary>
/// <param name="HostKeyId">Public id of the key, for example <c>hk-0f3a9c2e81d4</c>.</param>
/// <param name="Key">The secret key; the cloud side stores only its SHA-256 hash.</param>
public sealed record HostCredentials(string HostKeyId, string Key)
{
    /// <summary>HOCON setting that contains <see cref="HostKeyId"/>.</summary>
    public const string KeyIdSetting = "arcactors.host.key-id";

    /// <summary>HOCON setting that contains <see cref="Key"/>.</summary>
    public const string KeySetting = "arcactors.host.key";

    /// <summary>Reads <see cref="KeyIdSetting"/> and <see cref="KeySetting"/>.</summary>
    /// <exception cref="ArgumentException">A setting is missing or empty.</exception>
    public static HostCredentials FromConfig(Config config)
    {
        var keyId = config.GetString(KeyIdSetting, "");
        var key = config.GetString(KeySetting, "");
        if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException(
                $"the host's enrollment key is missing: set {KeyIdSetting} and {KeySetting} to the two lines that 'arcactors host enroll --machine VMID' printed on a cloud node.",
                nameof(config));
        }

        return new HostCredentials(keyId.Trim(), key.Trim());
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"HostKeyId = {HostKeyId}, Key = <redacted>");
        return true;
    }
}
