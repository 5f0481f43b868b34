using ArcActors.Dps.Ingress;
using ArcActors.Node.Commands;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Tests.Node;

/// <summary>
/// The files of a local cluster on loopback with remoting TLS and a PostgreSQL journal: development
/// certificates, a fleet file, node files for dps nodes and simulated host nodes, and enrollments.
/// </summary>
public sealed class LocalClusterFiles
{
    /// <summary>Environment variable with the password of the .pfx files, named by every node file.</summary>
    public const string TlsPasswordVariable = "ARCACTORS_TEST_TLS_PASSWORD";

    /// <summary>Environment variable with the journal's connection string, named by every dps node file.</summary>
    public const string JournalVariable = "ARCACTORS_TEST_NODE_JOURNAL";

    /// <summary>Fleet time after which the timeline adds a database to every host's instance.</summary>
    public static readonly TimeSpan DatabaseAddedAfter = TimeSpan.FromHours(10);

    private readonly string _folder;
    private readonly string _certificates;

    public LocalClusterFiles(string folder, int dpsNodes, int hosts)
    {
        _folder = folder;
        _certificates = Path.Combine(folder, "certs");
        CertsDevCommand.Run(new CertsDevCommand.Options(_certificates, dpsNodes, hosts), TextWriter.Null, TimeProvider.System);
        TlsPassword = File.ReadAllText(Path.Combine(_certificates, CertsDevCommand.PasswordFileName));
        DpsPorts = Enumerable.Range(0, dpsNodes).Select(_ => NodeProcess.FreePort()).ToList();
        FleetPath = Path.Combine(folder, "fleet.yaml");
        File.WriteAllText(FleetPath, FleetText(hosts));
        Fleet = FleetFile.Load(FleetPath);
    }

    public string TlsPassword { get; }
    public IReadOnlyList<int> DpsPorts { get; }
    public string FleetPath { get; }
    public Fleet Fleet { get; }

    /// <summary>Data folder of dps node <paramref name="index"/> (1-based).</summary>
    public string DpsData(int index) => Path.Combine(_folder, $"dps-{index}");

    /// <summary>Data folder of host node <paramref name="index"/> (1-based).</summary>
    public string HostData(int index) => Path.Combine(_folder, $"host-{index}");

    /// <summary>The usage outbox of host node <paramref name="index"/>.</summary>
    public string OutboxPath(int index) => Path.Combine(HostData(index), "host-outbox.db");

    /// <summary>
    /// Enrolls every fleet host in the journal's PostgreSQL database <paramref name="journal"/>, the
    /// store every dps node of that journal reads. Returns the key id and key of each host, in fleet order.
    /// </summary>
    public IReadOnlyList<EnrollmentStore.IssuedKey> EnrollHosts(string journal)
    {
        var store = new PostgresEnrollmentStore(journal);
        return Fleet.Hosts.Select(host => store.Enroll(host.VmId, DateTimeOffset.UtcNow)).ToList();
    }

    /// <summary>Writes the node file of dps node <paramref name="index"/>; node 1 also serves the API on a free port.</summary>
    public string WriteDpsNode(int index)
    {
        var roles = index == 1 ? "roles = [dps, api]\n  api.port = 0" : "roles = [dps]\n  management-port = 0";
        var seeds = string.Join(", ", DpsPorts.Select(port => Quote($"akka.ssl.tcp://arcactors@127.0.0.1:{port}")));
        return Write($"dps-{index}.conf", $$"""
            arcactors.node {
              {{roles}}
              data = {{Quote(DpsData(index))}}
              persistence { provider = postgres, connection-string-env = {{JournalVariable}} }
              {{Tls(CertsDevCommand.NodeFileName(index))}}
            }
            akka.cluster.seed-nodes = [{{seeds}}]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{DpsPorts[index - 1]}} }
            """);
    }

    /// <summary>Writes the node file of host node <paramref name="index"/>, which plays fleet host <paramref name="index"/>.</summary>
    public string WriteHostNode(int index, EnrollmentStore.IssuedKey key, double clockSpeed, string usageUploadInterval)
    {
        var contacts = string.Join(", ", DpsPorts.Select(port => Quote($"akka.ssl.tcp://arcactors@127.0.0.1:{port}/system/receptionist")));
        return Write($"host-{index}.conf", $$"""
            arcactors.node {
              roles = [host]
              data = {{Quote(HostData(index))}}
              management-port = 0
              {{Tls(CertsDevCommand.HostFileName(index))}}
            }
            arcactors.host {
              key-id = {{Quote(key.HostKeyId)}}
              key = {{Quote(key.Key)}}
              simulation {
                fleet = {{Quote(FleetPath)}}
                host = {{Quote(Fleet.Hosts[index - 1].Name)}}
                clock-speed = {{clockSpeed.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
                usage-upload-interval = {{usageUploadInterval}}
              }
            }
            akka.cluster.client.initial-contacts = [{{contacts}}]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """);
    }

    private string Tls(string certificate) =>
        $"tls {{ certificate = {Quote(Path.Combine(_certificates, certificate))}, password-env = {TlsPasswordVariable}, ca-certificate = {Quote(Path.Combine(_certificates, CertsDevCommand.CaFileName))} }}";

    // Hosts with one running Standard instance each on a 4-core VM, PAYG with consent, so every sampled hour bills one meter,
    // and a timeline that adds one database to each instance, so each instance entity must persist again later.
    private static string FleetText(int hosts)
    {
        var text = new System.Text.StringBuilder("""
            subscriptionId: 6d1f3a2e-41c7-4e0b-9a55-2f7c1b8e4d93
            resourceGroup: kill-test
            start: 2026-06-01T00:00:00Z
            hosts:

            """);
        for (var index = 1; index <= hosts; index++)
        {
            text.Append($$"""
                  - name: kill-host-{{index:00}}
                    logicalProcessors: 4
                    extension: { licenseType: PAYG, consentToRecurringPayg: true }
                    instances:
                      - { name: MSSQLSERVER, edition: Standard, version: 16.0.4135.4 }

                """);
        }

        text.Append("timeline:\n");
        for (var index = 1; index <= hosts; index++)
        {
            text.Append($"  - {{ at: {DatabaseAddedAfter.TotalHours:0}h, host: kill-host-{index:00}, instance: MSSQLSERVER, addDatabase: {{ name: added_later }} }}\n");
        }

        return text.ToString();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
