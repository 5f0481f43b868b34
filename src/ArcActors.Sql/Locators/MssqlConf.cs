namespace ArcActors.Sql.Locators;

/// <summary>
/// The settings of <c>/var/opt/mssql/mssql.conf</c> that locate an instance. A null or empty value
/// means the key is absent, so SQL Server uses its default.
/// </summary>
/// <param name="TcpPort"><c>[network] tcpport</c>; SQL Server listens on 1433 when it is absent.</param>
/// <param name="IpAddress"><c>[network] ipaddress</c>: the one address SQL Server accepts connections on.</param>
/// <param name="DefaultBackupDirectory"><c>[filelocation] defaultbackupdir</c>; /var/opt/mssql/data when absent.</param>
public sealed record MssqlConf(int? TcpPort, string IpAddress, string DefaultBackupDirectory)
{
    public static MssqlConf Empty { get; } = new(null, "", "");
}
