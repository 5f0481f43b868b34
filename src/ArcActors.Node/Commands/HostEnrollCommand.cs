using System.Globalization;
using ArcActors.Dps.Ingress;
using ArcActors.Host.Link;
using ArcActors.Node.Runtime;

namespace ArcActors.Node.Commands;

/// <summary>
/// <c>arcactors host enroll</c>: issues an enrollment key for one machine, stores its SHA-256 hash
/// in the cloud's enrollment store, and prints the key once, as two HOCON lines for the host's
/// configuration. Enrolling a machine again replaces its earlier key.
/// </summary>
public static class HostEnrollCommand
{
    /// <param name="VmId">The machine's vmId, as the host agent reports it.</param>
    /// <param name="Store">The store the dps nodes read: the journal's PostgreSQL table or a data folder's file.</param>
    public sealed record Options(Guid VmId, IEnrollmentStore Store);

    /// <summary>The store a node started with <paramref name="nodeFile"/> reads.</summary>
    /// <exception cref="IOException">The node file or a setting it needs is invalid; the message names it.</exception>
    public static IEnrollmentStore StoreOf(string nodeFile)
    {
        NodeConfig config;
        try
        {
            config = NodeConfig.Load(nodeFile, "WARNING");
        }
        catch (NodeConfigException exception)
        {
            // Program reports IOException as invalid input (exit code 1), as it does for the node command.
            throw new IOException(exception.Message, exception);
        }

        return config.PostgresConnectionString is { } connectionString
            ? new PostgresEnrollmentStore(connectionString)
            : new EnrollmentStore(EnrollmentStore.DefaultPath(config.DataDirectory));
    }

    /// <summary>Parses the <c>--machine</c> value.</summary>
    /// <exception cref="CommandLineException"><paramref name="text"/> is not a GUID or is the empty GUID.</exception>
    public static Guid ParseMachine(string text)
    {
        if (!Guid.TryParse(text, out var vmId) || vmId == Guid.Empty)
        {
            throw new CommandLineException($"--machine '{text}' is not a vmId; give the machine's GUID, e.g. 54ef1f4d-e601-48e6-a90a-443aab91a782.");
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
            : string.Create(CultureInfo.InvariantCulture, $" It replaces {issued.ReplacedKeys} earlier key(s) of this machine, which stop working now.");
        output.WriteLine($"# Enrollment key of machine {issued.VmId:D} in {options.Store.Location}, shown only now: add these lines to the host's configuration.{replaced}");
        output.WriteLine($"{HostCredentials.KeyIdSetting} = \"{issued.HostKeyId}\"");
        output.WriteLine($"{HostCredentials.KeySetting} = \"{issued.Key}\"");
        return 0;
    }
}
