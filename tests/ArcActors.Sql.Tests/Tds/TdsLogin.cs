namespace ArcActors.Sql.Tests.Tds;

/// <summary>The fields of a LOGIN7 message the tests check; the password is the decoded clear text.</summary>
public sealed record TdsLogin(
    string UserName,
    string Password,
    string Database,
    string ApplicationName,
    string HostName,
    uint TdsVersion,
    int PacketSize);
