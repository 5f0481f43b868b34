namespace ArcActors.Contracts.Events;

/// <summary>Journal tags that projections read by.</summary>
public static class EventTags
{
    public const string Inventory = "inventory";
    public const string Machines = "machines";
    public const string Billing = "billing";
    public const string Subscriptions = "subscriptions";
    public const string Licenses = "licenses";
    public const string Jobs = "jobs";
}
