namespace ArcActors.Node.Runtime;

/// <summary>The <c>arcactors.node.api</c> section: where the ARM API listens and its certificate (null: self-signed in the data folder).</summary>
public sealed record NodeApiSettings(int Port, string ListenAddress, string? CertificatePath, string? CertificateKeyPath);
