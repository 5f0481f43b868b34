using System.Security.Cryptography;
using System.Text;
using ArcActors.Arm.Auth;

namespace ArcActors.Arm.Tests.Auth;

/// <summary>
/// A temporary folder with token keys, and a JWT writer independent of <see cref="ArmTokens"/> that signs any
/// header and payload with a key file's bytes, to build tokens the issuer never would.
/// </summary>
internal sealed class AuthTestKeys : IDisposable
{
    public static readonly Guid Subscription = Guid.Parse("3b55f041-58d7-4307-b59a-c390da3fb077");
    public static readonly Guid OtherSubscription = Guid.Parse("9d0e7c61-2f1a-4b8e-8c3d-5a6b7c8d9e0f");
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "arcactors-auth-" + Guid.NewGuid().ToString("N"));

    public static string SubscriptionScope => $"/subscriptions/{Subscription}";

    public static string GroupScope(string group) => $"{SubscriptionScope}/resourceGroups/{group}";

    public static string InstanceId(string group, string instance) =>
        $"{GroupScope(group)}/providers/Microsoft.AzureArcData/sqlServerInstances/{instance}";

    public TokenKey CreateKey(string name = "api-token.key") => TokenKey.LoadOrCreate(Path.Combine(Folder, name));

    /// <summary>Signs <paramref name="headerJson"/>.<paramref name="payloadJson"/> with HMAC-SHA256 under the key stored in <paramref name="key"/>'s file.</summary>
    public static string Sign(TokenKey key, string headerJson, string payloadJson)
    {
        var keyBytes = Convert.FromBase64String(File.ReadAllText(key.FilePath).Trim());
        var input = $"{Encode(Encoding.UTF8.GetBytes(headerJson))}.{Encode(Encoding.UTF8.GetBytes(payloadJson))}";
        return $"{input}.{Encode(HMACSHA256.HashData(keyBytes, Encoding.ASCII.GetBytes(input)))}";
    }

    /// <summary>A payload like the issuer writes, with the given fields replaced.</summary>
    public static string Payload(string iss = "arcactors", string aud = "\"arcactors-arm\"", string role = "Reader", long? iat = null, long? exp = null) =>
        $$"""
        {"iss":"{{iss}}","aud":{{aud}},"sub":"alice","role":"{{role}}","scope":"{{SubscriptionScope}}","iat":{{iat ?? Now.ToUnixTimeSeconds()}},"exp":{{exp ?? Now.AddHours(1).ToUnixTimeSeconds()}}}
        """;

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
