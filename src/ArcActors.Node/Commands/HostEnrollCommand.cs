using System.Globalization;
using ArcActors.Dps.Ingress;
using ArcActors.Host.Link;
using ArcActors.Node.Runtime;

namespace ArcActors.Node.Commands;

/// <summary>
/// <c>arcactors host enroll</c>: issues an enrollment key for one machine, stores its SHA-256 hash
/// in the cloud's enrollment store, and prints the key once, as two HOCON lines for the host's
/// configuration. Enrolling a machine again replaces its earlier key, which on a PostgreSQL cluster
/// stops working on every node within <see cref="PostgresEnrollmentStore.CacheTime"/>.
/// </summary>
public static class HostEnrollCommand
{
    /// <param name="VmId">The machine's vmId, as the host agent reports it.</param>
    /// <param name="Store">The store the dps nodes read: the journal's PostgreSQL table or a data folder's file.</param>
    /// <param name="Copy">Where <paramref name="Store"/> must be copied before every dps node accepts the key.</param>
    public sealed record Options(Guid VmId, IEnrollmentStore Store, FileCopy Copy = FileCopy.None);

    /// <summary>Where an enrollment file must be copied: with a SQL Server journal each dps node reads its own file.</summary>
    public enum FileCopy
    {
        /// <summary>Every dps node reads this store: the journal's PostgreSQL table, or the file of a single node.</summary>
        None,

        /// <summary>The file of a dps node, which the other dps nodes of the cluster need too.</summary>
        ToOtherDpsNodes,

        /// <summary>The file of an api node, which no ingress reads; every dps node needs it.</summary>
        ToEveryDpsNode,
    }

    /// <summary>Returns the options for enrolling <paramref name="vmId"/> in the store that a node started with <paramref name="nodeFile"/> reads.</summary>
    /// <exception cref="IOException">
    /// The node file or a setting it needs is invalid. Or the node has neither the dps nor the api role,
    /// so it reads no enrollment store. The message names the setting or the roles.
    /// </exception>
    public static Options OptionsOf(Guid vmId, string nodeFile)
    {
        NodeConfig config;
        try
        {
            // Enrolling opens only the enrollment store, so the remoting certificate and its password are not needed.
            config = NodeConfig.Load(nodeFile, "WARNING", withRemoteTls: false);
        }
        catch (NodeConfigException exception)
        {
            // Program reports IOException as invalid input (exit code 1), as it does for the node command.
            throw new IOException(exception.Message, exception);
        }

        var settings = config.Settings;
        if (!settings.Has(NodeRoles.Dps) && !settings.Has(NodeRoles.Api))
        {
            throw new IOException($"{nodeFile} has the roles [{string.Join(", ", settings.Roles)}] but neither {NodeRoles.Dps} nor {NodeRoles.Api}, "
                + "so no node reads the enrollment store it names; give --config the node file of a dps node of the cluster, "
                + "or --data with the data folder of a single node that uses SQLite.");
        }

        // The same choice the node's ingress makes, from the settings NodeConfig computed for it.
        var store = IngressActor.OpenEnrollments(config.Akka)
            ?? throw new IOException($"{nodeFile} names no enrollment store; set {IngressActor.EnrollmentFileSetting} or use a postgres journal.");
        var perNode = store is EnrollmentStore && settings.Persistence == AkkaConfig.SqlServer;
        return new Options(vmId, store, !perNode ? FileCopy.None : settings.Has(NodeRoles.Dps) ? FileCopy.ToOtherDpsNodes : FileCopy.ToEveryDpsNode);
    }

    /// <summary>Parses the <c>--machine</c> value.</summary>
    /// <exception cref="CommandLineException"><paramref name="text"/> is not a GUID or is the empty GUID.</exception>
    public static Guid ParseMachine(string text)
    {
        if (!Guid.TryParse(text, out var vmId) || vmId == Guid.Empty)
        {
            throw new CommandLineException($"--machine '{ShownValue.Of(text)}' is not a vmId; give the machine's GUID, e.g. 54ef1f4d-e601-48e6-a90a-443aab91a782.");
        }

        return vmId;
    }

    /// <exception cref="IOException">The enrollment store cannot be read or written, or is not valid.</exception>
    public static int Run(Options options, TextWriter output, TimeProvider clock)
    {
        EnrollmentStore.IssuedKey issued;
        try
        {
            issued = options.Store.Enroll(options.VmId, clock.GetUtcNow());
        }
        catch (InvalidDataException exception)
        {
            throw new IOException(exception.Message, exception);
        }

        var replaced = issued.ReplacedKeys == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $" It replaces {issued.ReplacedKeys} earlier key(s) of this machine, which stop working {ReplacedKeysStop(options)}.");
        output.WriteLine($"# Enrollment key of machine {issued.VmId:D} in {options.Store.Location}, shown only now: add these lines to the host's configuration.{replaced}");
        output.WriteLine($"{HostCredentials.KeyIdSetting} = \"{issued.HostKeyId}\"");
        output.WriteLine($"{HostCredentials.KeySetting} = \"{issued.Key}\"");
        if (options.Copy != FileCopy.None)
        {
            output.WriteLine($"# With a SQL Server journal each dps node reads its own enrollment file. Copy {options.Store.Location} to the data folder of {CopyTargets(options.Copy)}.");
            output.WriteLine($"# Each node reads the file again when it changes. Until then it rejects the new key with {IngressActor.HostNotAuthorizedCode}.");
        }

        return 0;
    }

    // Each dps node of a PostgreSQL cluster caches a key it read, so a replaced key lasts until that cache expires.
    private static string ReplacedKeysStop(Options options) => options.Copy switch
    {
        FileCopy.ToOtherDpsNodes => "now on this node, and on each other dps node once the file is copied there",
        FileCopy.ToEveryDpsNode => "on each dps node once the file is copied there",
        _ when options.Store is PostgresEnrollmentStore => string.Create(CultureInfo.InvariantCulture,
            $"within {PostgresEnrollmentStore.CacheTime.TotalSeconds:0} s on every dps node"),
        _ => "now",
    };

    private static string CopyTargets(FileCopy copy) => copy == FileCopy.ToOtherDpsNodes ? "every other dps node" : "every dps node";
}
