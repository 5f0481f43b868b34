namespace ArcActors.Host.Deployment;

/// <summary>
/// Why a deployer operation or a settings change was rejected or failed: a stable <see cref="Code"/>
/// for callers and a <see cref="Message"/> that names the value and the fix, as in an ARM error body.
/// </summary>
public sealed record DeploymentError(string Code, string Message);
