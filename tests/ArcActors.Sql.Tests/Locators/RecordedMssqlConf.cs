namespace ArcActors.Sql.Tests.Locators;

/// <summary>mssql.conf files as mssql-conf writes them, plus broken ones.</summary>
internal static class RecordedMssqlConf
{
    public const string WithPortAndBackupDirectory = """
        [EULA]
        accepteula = Y

        [filelocation]
        defaultbackupdir = /srv/sqlbackup/
        defaultdatadir = /var/opt/mssql/data/

        [network]
        forceencryption = 0
        tcpport = 1401
        """;

    public const string WithoutPortOrBackupDirectory = """
        [EULA]
        accepteula = Y

        [telemetry]
        customerfeedback = false
        """;

    public const string WithIpAddress = """
        [network]
        ipaddress = 10.20.0.5
        """;

    /// <summary>Line 4 lacks the '=' of a key = value line.</summary>
    public const string MissingEquals = """
        [EULA]
        accepteula = Y
        [network]
        tcpport 1401
        """;

    /// <summary>Line 3 holds a port out of range.</summary>
    public const string PortOutOfRange = """
        # edited by hand
        [network]
        tcpport = 70000
        """;

    public const string KeyBeforeSection = """
        tcpport = 1401
        [network]
        """;
}
