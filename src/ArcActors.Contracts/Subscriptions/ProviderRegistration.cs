namespace ArcActors.Contracts.Subscriptions;

/// <summary>Routes a message to the sharded entity of one subscription.</summary>
public interface IWithSubscriptionId
{
    /// <summary>The subscription GUID in lower-case "D" form.</summary>
    string SubscriptionId { get; }
}

/// <summary>Registers (or unregisters) a resource provider namespace for a subscription; the reply is <see cref="ProviderRegistrations"/>.</summary>
/// <param name="Caller">Who asked: an API principal, or "fleet file" for the registrations a fleet declares.</param>
public sealed record SetProviderRegistration(string SubscriptionId, string Namespace, bool Registered, DateTimeOffset At, string Caller)
    : IArcActorsMessage, IWithSubscriptionId;

/// <summary>Asks for a subscription's registrations; the reply is <see cref="ProviderRegistrations"/>.</summary>
public sealed record GetProviderRegistrations(string SubscriptionId) : IArcActorsMessage, IWithSubscriptionId;

/// <summary>
/// The provider namespaces registered for a subscription. A namespace that was never registered is
/// absent. <see cref="Version"/> grows with every change, so a cache keeps the newest state it saw.
/// </summary>
public sealed record ProviderRegistrations(string SubscriptionId, long Version, IReadOnlyList<string> Registered) : IArcActorsMessage
{
    public bool IsRegistered(string providerNamespace) =>
        Registered.Contains(providerNamespace, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Event: a provider namespace was registered or unregistered for a subscription.</summary>
public sealed record ProviderRegistrationChanged(string SubscriptionId, string Namespace, bool Registered, DateTimeOffset At, string Caller)
    : IArcActorsMessage;

/// <summary>Provider namespaces and the ARM error code for a subscription that has not registered one.</summary>
public static class Providers
{
    public const string ArcData = "Microsoft.AzureArcData";
    public const string HybridCompute = "Microsoft.HybridCompute";
    public const string NotRegisteredCode = "SubscriptionNotRegistered";

    /// <summary>Returns the subscription id as entities and caches key it: a lower-case GUID, or the text unchanged when it is no GUID.</summary>
    public static string NormalizeSubscription(string subscriptionId) =>
        Guid.TryParse(subscriptionId, out var guid) ? guid.ToString("D") : subscriptionId;
}
