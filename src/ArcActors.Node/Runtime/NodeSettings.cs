using Akka.Configuration;

namespace ArcActors.Node.Runtime;

/// <summary>The <c>arcactors.node</c> section of a node file, checked.</summary>
public sealed record NodeSettings(
    IReadOnlyList<string> Roles,
    string DataDirectory,
    NodeApiSettings? Api,
    int? ManagementPort,
    string Persistence,
    string? ConnectionStringVariable)
{
    public const string Section = "arcactors.node";

    /// <summary>PKCS#12 file of the node's remoting certificate (<c>arcactors.node.tls.certificate</c>); null: remoting without TLS.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>Name of the environment variable holding the PKCS#12 password (<c>arcactors.node.tls.password-env</c>); null: no password.</summary>
    public string? TlsPasswordVariable { get; init; }

    /// <summary>CA certificate that every remoting peer must chain to, or null to use the system's trusted roots.</summary>
    public string? TlsCa { get; init; }

    private static readonly string[] NodeKeys = ["roles", "data", "api", "management-port", "persistence", "tls"];
    private static readonly string[] TlsKeys = ["certificate", "password-env", "ca-certificate"];
    private static readonly string[] ApiKeys = ["port", "listen-address", "certificate", "certificate-key", "token-key-file"];
    private static readonly string[] PersistenceKeys = ["provider", "connection-string-env"];
    private static readonly string[] Providers = [AkkaConfig.Sqlite, AkkaConfig.Postgres, AkkaConfig.SqlServer];

    public bool Has(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Reads and checks the section; <paramref name="file"/> names the node file in messages.</summary>
    /// <exception cref="NodeConfigException">A setting is missing, unknown or invalid.</exception>
    public static NodeSettings Parse(Config config, string file)
    {
        if (!config.HasPath(Section))
        {
            throw new NodeConfigException($"{file} has no '{Section}' section; add one with at least roles = [dps] (see docs/node-example.conf).");
        }

        var node = config.GetConfig(Section);
        CheckKeys(node, Section, NodeKeys, file);
        var roles = ParseRoles(node, file);
        var api = roles.Contains(NodeRoles.Api) ? ParseApi(node, file) : null;
        var (provider, variable) = ParsePersistence(node, file);
        var managementPort = node.HasPath("management-port") ? Port(node, "management-port", file) : (int?)null;
        var data = node.GetString("data", "data");
        if (string.IsNullOrWhiteSpace(data))
        {
            // Akka.NET's HOCON reads ${?VAR} as a path in the file, not as an environment variable, so an unset one leaves the value empty.
            throw new NodeConfigException($"{Section}.data in {file} is empty; give a folder. A ${{?VARIABLE}} substitution reads a setting of the file, not the environment.");
        }

        var (certificate, passwordVariable) = ParseTls(node, file);
        var ca = node.GetString("tls.ca-certificate", null);

        return new NodeSettings(roles, data, api, managementPort, provider, variable)
        {
            TlsCertificate = certificate,
            TlsPasswordVariable = passwordVariable,
            TlsCa = string.IsNullOrWhiteSpace(ca) ? null : ca,
        };
    }

    private static (string? Certificate, string? PasswordVariable) ParseTls(Config node, string file)
    {
        if (!node.HasPath("tls"))
        {
            return (null, null);
        }

        var tls = node.GetConfig("tls");
        CheckKeys(tls, Section + ".tls", TlsKeys, file);
        var certificate = tls.GetString("certificate", null);
        if (string.IsNullOrWhiteSpace(certificate))
        {
            throw new NodeConfigException($"{Section}.tls.certificate is missing in {file}; give the PKCS#12 (.pfx) file of the node's remoting certificate, "
                + "e.g. certificate = \"/etc/arcactors/node-1.pfx\" (arcactors certs dev creates development ones).");
        }

        return (certificate, tls.GetString("password-env", null));
    }

    private static List<string> ParseRoles(Config node, string file)
    {
        var roles = node.HasPath("roles") ? node.GetStringList("roles").ToList() : [];
        if (roles.Count == 0)
        {
            throw new NodeConfigException($"{Section}.roles in {file} is missing or empty; give one or more of {string.Join(", ", NodeRoles.Known)}, e.g. roles = [dps].");
        }

        // An object or a nested list in the list reads as null or empty.
        if (roles.Any(string.IsNullOrEmpty))
        {
            throw new NodeConfigException($"{Section}.roles in {file} contains a value that is not a role name, such as an object; "
                + $"give a list of role names only, from {string.Join(", ", NodeRoles.Known)}, e.g. roles = [dps].");
        }

        var unknown = roles.FirstOrDefault(role => !NodeRoles.Known.Contains(role, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new NodeConfigException($"{Section}.roles in {file} contains the unknown role '{unknown}'; the known roles are {string.Join(", ", NodeRoles.Known)}.");
        }

        return roles.Distinct(StringComparer.Ordinal).ToList();
    }

    private static NodeApiSettings ParseApi(Config node, string file)
    {
        if (!node.HasPath("api"))
        {
            return new NodeApiSettings(DefaultApiPort, "127.0.0.1", null, null);
        }

        var api = node.GetConfig("api");
        CheckKeys(api, Section + ".api", ApiKeys, file);
        var port = api.HasPath("port") ? Port(api, "port", file, Section + ".api.port") : DefaultApiPort;
        var tokenKeyFile = api.GetString("token-key-file", null);
        return new NodeApiSettings(port, api.GetString("listen-address", "127.0.0.1"), api.GetString("certificate", null), api.GetString("certificate-key", null))
        {
            TokenKeyFile = string.IsNullOrWhiteSpace(tokenKeyFile) ? null : tokenKeyFile,
        };
    }

    private const int DefaultApiPort = 8443;

    private static (string Provider, string? Variable) ParsePersistence(Config node, string file)
    {
        var persistence = node.HasPath("persistence") ? node.GetConfig("persistence") : ConfigurationFactory.Empty;
        CheckKeys(persistence, Section + ".persistence", PersistenceKeys, file);
        var provider = persistence.GetString("provider", AkkaConfig.Sqlite);
        if (!Providers.Contains(provider, StringComparer.Ordinal))
        {
            throw new NodeConfigException($"{Section}.persistence.provider '{provider}' in {file} is invalid; give one of {string.Join(", ", Providers)}.");
        }

        var variable = persistence.GetString("connection-string-env", null);
        if (variable is null && provider != AkkaConfig.Sqlite)
        {
            throw new NodeConfigException($"{Section}.persistence.connection-string-env is missing in {file}; provider {provider} needs the name of the environment variable that holds its connection string, e.g. connection-string-env = ARCACTORS_JOURNAL.");
        }

        return (provider, variable);
    }

    private static int Port(Config config, string key, string file, string? fullName = null)
    {
        var text = config.GetString(key);
        var name = fullName ?? $"{Section}.{key}";
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new NodeConfigException($"{name} '{text}' in {file} is not a TCP port; give 1 to 65535, or 0 to let the system pick one.");
    }

    // Rejects a misspelled setting, which HOCON would otherwise ignore silently.
    private static void CheckKeys(Config section, string path, string[] known, string file)
    {
        if (section.IsEmpty)
        {
            return;
        }

        var unknown = section.Root.GetObject().Items.Keys.FirstOrDefault(key => !known.Contains(key, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new NodeConfigException($"{path}.{unknown} in {file} is not a known setting; the settings of {path} are {string.Join(", ", known)}.");
        }
    }
}
