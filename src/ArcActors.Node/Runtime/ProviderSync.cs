namespace ArcActors.Node.Runtime;

/// <summary>
/// Applies a simulated fleet's provider registrations (its <c>providers</c> map and <c>provider</c>
/// timeline events) to the cloud side, through the same commands the API sends.
/// </summary>
public sealed class ProviderSync(EmbeddedNode node, Guid subscriptionId, TimeProvider clock)
{
    public const string Caller = "fleet file";

    private readonly AkkaArmCommands _commands = new(node.Dps, clock);
    private readonly Dictionary<string, bool> _applied = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers or unregisters each namespace whose state differs from the one last applied.</summary>
    public async Task ApplyAsync(IReadOnlyDictionary<string, bool> expected)
    {
        foreach (var (providerNamespace, registered) in expected)
        {
            if (_applied.TryGetValue(providerNamespace, out var applied) && applied == registered)
            {
                continue;
            }

            await _commands.SetProviderRegistrationAsync(subscriptionId.ToString("D"), providerNamespace, registered, Caller, CancellationToken.None);
            _applied[providerNamespace] = registered;
        }
    }
}
