using Akka.Actor;
using ArcActors.Contracts.Subscriptions;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Applies a simulated fleet's provider registrations (its <c>providers</c> map and <c>provider</c>
/// timeline events) to the cloud side, through the same subscription entity the API writes to.
/// </summary>
public sealed class ProviderSync(EmbeddedNode node, Guid subscriptionId)
{
    public const string Caller = "fleet file";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, bool> _applied = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers or unregisters each namespace whose state differs from the one last applied.</summary>
    public async Task ApplyAsync(IReadOnlyDictionary<string, bool> wanted, DateTimeOffset at)
    {
        foreach (var (providerNamespace, registered) in wanted)
        {
            if (_applied.TryGetValue(providerNamespace, out var applied) && applied == registered)
            {
                continue;
            }

            var request = new SetProviderRegistration(subscriptionId.ToString("D"), providerNamespace, registered, at, Caller);
            var state = await node.Dps.Subscriptions.Ask<ProviderRegistrations>(request, Timeout);

            // Telling the ingress directly puts the new state in its mailbox before the next cycle's uploads.
            node.Dps.Ingress.Tell(state);
            _applied[providerNamespace] = registered;
        }
    }
}
