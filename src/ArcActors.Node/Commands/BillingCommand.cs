using System.Globalization;
using ArcActors.Node.Runtime;
using ArcActors.ReadModel;

namespace ArcActors.Node.Commands;

/// <summary>
/// <c>arcactors billing</c>: prints the billing records of a cloud node's read store for a range of
/// hours, one JSON object per line, in the format of the <c>billing.jsonl</c> that <c>simulate</c> writes.
/// It reads the store that a node file names (the journal's PostgreSQL database, or readstore.db in the
/// node's data folder), or readstore.db in a data folder, and changes nothing.
/// </summary>
public static class BillingCommand
{
    private const string ReadStoreFile = "readstore.db";

    /// <param name="NodeFile">A dps or api node's file, or null to read <paramref name="DataDirectory"/>.</param>
    /// <param name="From">First hour to print (included).</param>
    /// <param name="To">End of the range (excluded).</param>
    public sealed record Options(string? NodeFile, string DataDirectory, DateTimeOffset From, DateTimeOffset To);

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses a --from or --to value: an ISO 8601 date, or a date and time, UTC unless it ends with Z or an offset.</summary>
    /// <exception cref="CommandLineException"><paramref name="text"/> is not in one of those forms.</exception>
    public static DateTimeOffset ParseTime(string option, string text) =>
        DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new CommandLineException($"--{option} '{ShownValue.Of(text)}' is not an ISO 8601 date or time; "
                + "give a date such as 2026-11-01, or a time such as 2026-11-01T06:00Z or 2026-11-01T08:00+02:00 (UTC without an offset).");

    /// <exception cref="CommandLineException">The range is empty.</exception>
    /// <exception cref="IOException">The node file is invalid, or the read store is missing or cannot be read; the message names it and the fix.</exception>
    public static int Run(Options options, TextWriter output)
    {
        if (options.From >= options.To)
        {
            throw new CommandLineException(
                $"--from {ArmTime.Format(options.From)} is not before --to {ArmTime.Format(options.To)}; give a --to after --from.");
        }

        IReadOnlyList<BillingRow> rows;
        using (var store = Open(options))
        {
            try
            {
                rows = store.ListBilling(options.From, options.To);
            }
            catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
            {
                throw new IOException($"reading the billing records failed: {exception.Message.TrimEnd('.')}. "
                    + "Check that the read store is an ArcActors read store that this user may read.", exception);
            }
        }

        foreach (var row in rows)
        {
            output.Write(ArmJson.ToCompact(SimulationOutput.BillingLine(row)));
            output.Write('\n');
        }

        return 0;
    }

    private static ReadStore Open(Options options)
    {
        if (options.NodeFile is null)
        {
            return OpenFile(Path.Combine(options.DataDirectory, ReadStoreFile), "--data");
        }

        if (Directory.Exists(options.NodeFile))
        {
            throw new IOException($"--config {ShownValue.Of(options.NodeFile)} is a folder; give the node file of a dps or api node, or --data with a data folder.");
        }

        NodeConfig config;
        try
        {
            config = NodeConfig.Load(options.NodeFile, "WARNING", withRemoteTls: false);
        }
        catch (NodeConfigException exception)
        {
            throw new IOException(exception.Message, exception);
        }

        if (!config.Settings.Has(NodeRoles.Dps) && !config.Settings.Has(NodeRoles.Api))
        {
            throw new IOException($"{ShownValue.Of(options.NodeFile)} has the roles [{string.Join(", ", config.Settings.Roles)}] but neither {NodeRoles.Dps} nor {NodeRoles.Api}, "
                + "so it has no read store; give --config the node file of a dps or api node.");
        }

        if (config.PostgresConnectionString is not { } connectionString)
        {
            return OpenFile(Path.Combine(config.DataDirectory, ReadStoreFile), $"the data folder of {ShownValue.Of(options.NodeFile)}");
        }

        try
        {
            return ReadStore.OpenPostgresReadOnly(connectionString);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            throw new IOException($"{exception.Message.TrimEnd('.')}. The connection string comes from the variable named by "
                + $"{NodeSettings.Section}.persistence.connection-string-env in {ShownValue.Of(options.NodeFile)}.", exception);
        }
    }

    // Reads without creating anything, so a mistyped folder or a wrong file is an error instead of a new empty store.
    private static ReadStore OpenFile(string path, string source)
    {
        var displayedPath = ShownValue.Of(Path.GetFullPath(path));
        try
        {
            return ReadStore.OpenReadOnly(path);
        }
        catch (InvalidOperationException)
        {
            throw new IOException($"no read store at {displayedPath} ({source}); give the data folder of a cloud node that has run, "
                + "or --config with the node file of a dps or api node.");
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            throw new IOException($"the read store {displayedPath} cannot be read: {exception.Message.TrimEnd('.')}. "
                + "Check that it is an ArcActors read store (readstore.db) that this user may read.", exception);
        }
    }
}
