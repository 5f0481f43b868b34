using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Persistence.Sql;
using ArcActors.Contracts.Serialization;
using Microsoft.Data.Sqlite;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Reads a node file and layers the Akka configuration of <c>arcactors node</c>: base.conf, each
/// role's file, the persistence file, the node file, then <see cref="AkkaConfig.OverrideVariable"/>.
/// The journal's connection string comes from the environment variable the node file names.
/// </summary>
public sealed record NodeConfig(NodeSettings Settings, Config Akka, string DataDirectory)
{
    /// <summary>The remoting TLS setup that trusts only <see cref="NodeSettings.TlsCa"/>, or null without one.</summary>
    public Akka.Remote.Transport.DotNetty.DotNettySslSetup? TlsPinning { get; init; }

    /// <summary>
    /// The journal's connection string when the journal is PostgreSQL, else null. The read store and
    /// the enrollment keys live in the same database then, so every cloud node shares them.
    /// </summary>
    public string? PostgresConnectionString =>
        Settings.Persistence == AkkaConfig.Postgres ? Akka.GetString("akka.persistence.journal.sql.connection-string") : null;

    /// <summary>Loads <paramref name="path"/> and checks it against the environment.</summary>
    /// <param name="withRemoteTls">
    /// False skips <c>arcactors.node.tls</c>: the certificate is not loaded and its password variable
    /// need not be set, so the result cannot start TLS remoting. <c>arcactors host enroll</c> loads a
    /// dps node's file this way, because it only opens the enrollment store.
    /// </param>
    /// <exception cref="NodeConfigException">The file or a setting is invalid; the message names it and the fix.</exception>
    public static NodeConfig Load(string path, string logLevel, bool withRemoteTls = true)
    {
        var nodeFile = ParseNodeFile(path);
        var environmentOverride = ParseOverride();
        var settings = NodeSettings.Parse(environmentOverride.WithFallback(nodeFile), path);
        var data = Path.GetFullPath(settings.DataDirectory);
        if (File.Exists(data))
        {
            throw new NodeConfigException($"{NodeSettings.Section}.data {data} in {path} is a file; give a folder, which the node creates when it is missing.");
        }

        var connectionString = ConnectionString(settings, data, path);
        var remoteTls = withRemoteTls && settings.TlsCertificate is not null;

        var roleFiles = settings.Roles.Aggregate(ConfigurationFactory.Empty, (config, role) => config.WithFallback(Load($"role-{role}.conf")));
        var computed = ConfigurationFactory.ParseString($"""
            akka.loglevel = {logLevel}
            akka.cluster.roles = [{string.Join(", ", settings.Roles)}]
            arcactors.ingress.enrollment-file = "{Path.Combine(data, "host-enrollments.json").Replace("\\", "\\\\").Replace("\"", "\\\"")}"
            arcactors.ingress.enrollment-store = {(settings.Persistence == AkkaConfig.Postgres ? "journal" : "file")}
            {ConnectionStringHocon(connectionString)}
            {(remoteTls ? RemoteTlsHocon(settings, path) : "")}
            """);
        var akka = environmentOverride
            .WithFallback(computed)
            .WithFallback(nodeFile)
            .WithFallback(remoteTls ? Load("remote-tls.conf") : ConfigurationFactory.Empty)
            .WithFallback(Load($"persistence-{settings.Persistence}.conf"))
            .WithFallback(roleFiles)
            .WithFallback(Load("base.conf"))
            .WithFallback(ConfigurationFactory.ParseString(SerializationConfig.Hocon))
            .WithFallback(SqlPersistence.DefaultConfiguration);

        CheckContacts(settings, akka, path);
        var pinning = remoteTls && settings is { TlsCertificate: { } certificate, TlsCa: { } ca }
            ? RemoteTlsPinning.Create(Path.GetFullPath(certificate), TlsPassword(settings, path), Path.GetFullPath(ca), path)
            : null;
        return new NodeConfig(settings, akka, data) { TlsPinning = pinning };
    }

    private static Config ParseNodeFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new NodeConfigException($"cannot read the node file '{path}': {exception.Message.TrimEnd('.')}. Give a readable HOCON file with --config (see docs/node-example.conf).");
        }

        if (HoconSyntax.Check(text) is { } unclosed)
        {
            throw new NodeConfigException($"node file {path} is not valid HOCON: {unclosed}.");
        }

        try
        {
            return ConfigurationFactory.ParseString(text);
        }
        catch (Exception exception) when (exception is ConfigurationException or FormatException)
        {
            throw new NodeConfigException($"node file {path} is not valid HOCON: {exception.Message}");
        }
    }

    private static Config ParseOverride()
    {
        var text = Environment.GetEnvironmentVariable(AkkaConfig.OverrideVariable) ?? "";
        if (HoconSyntax.Check(text) is { } unclosed)
        {
            throw new NodeConfigException($"{AkkaConfig.OverrideVariable} is not valid HOCON: {unclosed}; fix or unset it.");
        }

        try
        {
            return ConfigurationFactory.ParseString(text);
        }
        catch (Exception exception) when (exception is ConfigurationException or FormatException)
        {
            throw new NodeConfigException($"{AkkaConfig.OverrideVariable} is not valid HOCON: {exception.Message}; fix or unset it.");
        }
    }

    // The messages name the variable but never its value, which can contain a password. The value is
    // checked here with the provider's own parser, so that no later parser can put it in a message.
    private static string ConnectionString(NodeSettings settings, string data, string file)
    {
        if (settings.ConnectionStringVariable is null)
        {
            return new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "journal.db"), Pooling = true }.ToString();
        }

        var value = Environment.GetEnvironmentVariable(settings.ConnectionStringVariable);
        var setting = $"{NodeSettings.Section}.persistence.connection-string-env";
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new NodeConfigException($"environment variable {settings.ConnectionStringVariable}, named by {setting} in {file}, "
                + $"is not set or empty; set it to the {settings.Persistence} connection string of the journal database.");
        }

        if (AkkaConfig.FindConnectionStringError(settings.Persistence, value) is { } error)
        {
            throw new NodeConfigException($"the connection string in {settings.ConnectionStringVariable} (named by {setting} in {file}) {error}; "
                + $"fix it in {settings.ConnectionStringVariable}.");
        }

        return value;
    }

    private static void CheckContacts(NodeSettings settings, Config akka, string path)
    {
        if (settings.Has(NodeRoles.Dps) && akka.GetStringList("akka.cluster.seed-nodes").Count == 0)
        {
            throw new NodeConfigException($"akka.cluster.seed-nodes is empty in {path}; a dps node needs the cluster's seed nodes, "
                + "e.g. akka.cluster.seed-nodes = [\"akka.tcp://arcactors@10.0.0.5:4053\"] (the first seed may be the node itself).");
        }

        if (settings.Has(NodeRoles.Host) && akka.GetStringList("akka.cluster.client.initial-contacts").Count == 0)
        {
            throw new NodeConfigException($"akka.cluster.client.initial-contacts is empty in {path}; a host node needs the receptionists of dps nodes, "
                + "e.g. akka.cluster.client.initial-contacts = [\"akka.tcp://arcactors@10.0.0.5:4053/system/receptionist\"].");
        }
    }

    // The certificate is loaded once here, so a missing file, a wrong password or a missing private key
    // stops the node with the setting's name before Akka.Remote starts. The password is never logged.
    private static string RemoteTlsHocon(NodeSettings settings, string file)
    {
        if (settings.TlsCertificate is null)
        {
            return "";
        }

        var certificate = Path.GetFullPath(settings.TlsCertificate);
        var password = TlsPassword(settings, file);
        if (!File.Exists(certificate))
        {
            throw new NodeConfigException($"{NodeSettings.Section}.tls.certificate {certificate} in {file} is not found; "
                + "give the path of the node's PKCS#12 (.pfx) file, such as a node-N.pfx of 'arcactors certs dev'.");
        }

        try
        {
            using var loaded = X509CertificateLoader.LoadPkcs12FromFile(certificate, password);
            if (!loaded.HasPrivateKey)
            {
                throw new CryptographicException("the file contains no private key");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new NodeConfigException($"{NodeSettings.Section}.tls.certificate {certificate} in {file} cannot be loaded: {exception.Message}; "
                + $"give a readable PKCS#12 (.pfx) file with the node's private key, and its password in the variable named by {NodeSettings.Section}.tls.password-env.");
        }

        return $"""
            akka.remote.dot-netty.tcp.ssl.certificate.path = {Quote(certificate)}
            akka.remote.dot-netty.tcp.ssl.certificate.password = {Quote(password ?? "")}
            """;
    }

    private static string? TlsPassword(NodeSettings settings, string file)
    {
        if (settings.TlsPasswordVariable is null)
        {
            return null;
        }

        return Environment.GetEnvironmentVariable(settings.TlsPasswordVariable)
            ?? throw new NodeConfigException($"environment variable {settings.TlsPasswordVariable}, named by {NodeSettings.Section}.tls.password-env in {file}, "
                + "is not set; set it to the password of the PKCS#12 file in tls.certificate.");
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string ConnectionStringHocon(string connectionString)
    {
        var quoted = Quote(connectionString);
        return $"""
            akka.persistence.journal.sql.connection-string = {quoted}
            akka.persistence.snapshot-store.sql.connection-string = {quoted}
            akka.persistence.query.journal.sql.connection-string = {quoted}
            """;
    }

    private static Config Load(string fileName)
    {
        var path = Path.Combine(AkkaConfig.HoconDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new NodeConfigException($"HOCON file {path} is missing; rebuild ArcActors.Node so hocon/ is copied next to the executable.");
        }

        return ConfigurationFactory.ParseString(File.ReadAllText(path));
    }
}
