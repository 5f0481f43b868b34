using ArcActors.Dps.Ingress;
using ArcActors.Node.Commands;

namespace ArcActors.ClusterBench;

/// <summary>
/// Files of both benchmark paths under one work folder: development certificates, the node files of
/// the in-process node, the dps nodes of the remote path and the host clients, and the enrollment stores.
/// </summary>
public sealed class ClusterFiles
{
    /// <summary>Environment variable with the password of the .pfx files.</summary>
    public const string TlsPasswordVariable = "ARCACTORS_BENCH_TLS_PASSWORD";

    /// <summary>Environment variable with the journal's connection string of the dps node processes.</summary>
    public const string ClusterJournalVariable = "ARCACTORS_BENCH_CLUSTER_JOURNAL";

    /// <summary>Environment variable with the journal's connection string of the in-process node.</summary>
    public const string InProcessJournalVariable = "ARCACTORS_BENCH_INPROCESS_JOURNAL";

    private readonly string _folder;
    private readonly string _certificates;

    public ClusterFiles(string folder, int hosts, int dpsNodes)
    {
        _folder = folder;
        _certificates = Path.Combine(folder, "certs");
        CertsDevCommand.Run(new CertsDevCommand.Options(_certificates, dpsNodes, hosts), TextWriter.Null, TimeProvider.System);
        TlsPassword = File.ReadAllText(Path.Combine(_certificates, CertsDevCommand.PasswordFileName));
        DpsPorts = Enumerable.Range(0, dpsNodes).Select(_ => FreePort.Next()).ToList();
    }

    public string Folder => _folder;
    public string TlsPassword { get; }
    public IReadOnlyList<int> DpsPorts { get; }

    public string DpsData(int index) => Path.Combine(_folder, $"dps-{index}");

    public string InProcessData => Path.Combine(_folder, "in-process");

    /// <summary>Enrolls every host in the PostgreSQL database <paramref name="journal"/>, which every dps node of that journal reads.</summary>
    public static IReadOnlyList<EnrollmentStore.IssuedKey> Enroll(IReadOnlyList<BenchHost> hosts, string journal)
    {
        var store = new PostgresEnrollmentStore(journal);
        return hosts.Select(host => store.Enroll(host.VmId, DateTimeOffset.UtcNow)).ToList();
    }

    /// <summary>Writes the file of the single dps node that runs inside the benchmark process, its own seed node.</summary>
    public string WriteInProcessNode()
    {
        var port = FreePort.Next();
        return Write("in-process.conf", $$"""
            arcactors.node {
              roles = [dps]
              data = {{Quote(InProcessData)}}
              persistence { provider = postgres, connection-string-env = {{InProcessJournalVariable}} }
              {{Tls(CertsDevCommand.NodeFileName(1))}}
            }
            akka.cluster.seed-nodes = [{{Quote($"akka.ssl.tcp://arcactors@127.0.0.1:{port}")}}]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
            """);
    }

    /// <summary>Writes the file of dps node <paramref name="index"/> (1-based); node 1 also serves the API on a free port.</summary>
    public string WriteDpsNode(int index)
    {
        var roles = index == 1 ? "roles = [dps, api]\n  api.port = 0" : "roles = [dps]\n  management-port = 0";
        var seeds = string.Join(", ", DpsPorts.Select(port => Quote($"akka.ssl.tcp://arcactors@127.0.0.1:{port}")));
        return Write($"dps-{index}.conf", $$"""
            arcactors.node {
              {{roles}}
              data = {{Quote(DpsData(index))}}
              persistence { provider = postgres, connection-string-env = {{ClusterJournalVariable}} }
              {{Tls(CertsDevCommand.NodeFileName(index))}}
            }
            akka.cluster.seed-nodes = [{{seeds}}]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{DpsPorts[index - 1]}} }
            """);
    }

    /// <summary>Writes the file of the remoting client of <paramref name="host"/>, with its own client certificate.</summary>
    public string WriteHostClient(BenchHost host, EnrollmentStore.IssuedKey key)
    {
        var contacts = string.Join(", ", DpsPorts.Select(port => Quote($"akka.ssl.tcp://arcactors@127.0.0.1:{port}/system/receptionist")));
        return Write($"host-{host.Index + 1}.conf", $$"""
            arcactors.node {
              roles = [host]
              data = {{Quote(Path.Combine(_folder, $"host-{host.Index + 1}"))}}
              {{Tls(CertsDevCommand.HostFileName(host.Index + 1))}}
            }
            arcactors.host {
              key-id = {{Quote(key.HostKeyId)}}
              key = {{Quote(key.Key)}}
              vm-id = {{Quote(host.VmId.ToString("D"))}}
              subscription-id = {{Quote(BenchHost.SubscriptionId)}}
              resource-group = cluster-bench
              location = westeurope
            }
            akka.cluster.client.initial-contacts = [{{contacts}}]
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """);
    }

    private string Tls(string certificate) =>
        $"tls {{ certificate = {Quote(Path.Combine(_certificates, certificate))}, password-env = {TlsPasswordVariable}, ca-certificate = {Quote(Path.Combine(_certificates, CertsDevCommand.CaFileName))} }}";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
