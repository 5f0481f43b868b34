namespace ArcActors.Host.Deployment;

/// <summary>An update offered to a host, such as a SQL Server cumulative update, identified by its KB or package id.</summary>
public sealed record AvailableUpdate(string Id, UpdateClassification Classification);
