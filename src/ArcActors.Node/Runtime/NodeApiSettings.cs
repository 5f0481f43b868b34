namespace ArcActors.Node.Runtime;

/// <summary>The <c>arcactors.node.api</c> section: where the ARM API listens and its certificate (null: self-signed in the data folder).</summary>
public sealed record NodeApiSettings(int Port, string ListenAddress, string? CertificatePath, string? CertificateKeyPath)
{
    /// <summary>
    /// Signing key of the API's bearer tokens (<c>arcactors.node.api.token-key-file</c>), created when
    /// missing; null: <c>api-token.key</c> in the data folder. Every api node of a cluster needs the same key.
    /// </summary>
    public string? TokenKeyFile { get; init; }
}
