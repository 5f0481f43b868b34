using ArcActors.Contracts.Discovery;
using ArcActors.Contracts.Inventory;
using ArcActors.Sql.Errors;
using ArcActors.Sql.Locators;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArcActors.Sql.Discovery;

/// <summary>
/// Discovers SQL Server instances listed in <see cref="SqlDiscoveryOptions"/> by querying them through
/// Microsoft.Data.SqlClient. Login, permission, connection and timeout errors become a probe status;
/// any other exception propagates to the host agent.
/// </summary>
public sealed class SqlServerDiscoverySource : IDiscoverySource
{
    private readonly SqlDiscoveryOptions _options;
    private readonly ILogger _logger;
    private readonly TransientRetry _retry;
    private readonly IInstanceLocator? _locator;

    /// <param name="delay">Wait between retries; defaults to <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</param>
    /// <param name="locator">Finds the instances on this host (Linux, Windows); when null, only the configured instances are probed.</param>
    public SqlServerDiscoverySource(
        SqlDiscoveryOptions options,
        ILogger<SqlServerDiscoverySource>? logger = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null,
        IInstanceLocator? locator = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _locator = locator;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _retry = new TransientRetry(options.MaxRetries, options.RetryBaseDelay, delay);
    }

    public Task<MachineSnapshot> DescribeMachineAsync(CancellationToken cancellationToken)
    {
        var logicalProcessors = _options.LogicalProcessors ?? Environment.ProcessorCount;

        // NOTE: physical cores and the SMBIOS manufacturer and model are not detected yet. They come
        // from the options, and physical cores default to the logical processor count.
        var machine = new MachineSnapshot
        {
            VmId = _options.VmId,
            HostName = _options.HostName,
            Os = _options.Os,
            Manufacturer = _options.Manufacturer,
            Model = _options.Model,
            LogicalProcessors = logicalProcessors,
            PhysicalCores = _options.PhysicalCores ?? logicalProcessors,
            Extension = _options.Extension,
        };

        return Task.FromResult(machine);
    }

    /// <summary>
    /// Returns the instances the locator finds, or, without a locator, the configured instances. A
    /// configured instance wins over a located one of the same name.
    /// </summary>
    public async Task<IReadOnlyList<InstanceLocation>> LocateInstancesAsync(CancellationToken cancellationToken)
    {
        var configured = _options.Instances
            .Select(instance => new InstanceLocation
            {
                InstanceName = instance.Name,
                ConnectionString = instance.ConnectionString,
                UnsupportedReason = UnsupportedReasonFor(instance.Name),
            })
            .ToList();
        if (_locator is null)
        {
            return configured;
        }

        var located = await _locator.LocateAsync(cancellationToken).ConfigureAwait(false);
        var names = configured.Select(location => location.InstanceName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var locations = configured.Concat(located.Where(instance => !names.Contains(instance.InstanceName)).Select(instance => instance.ToInstanceLocation()));
        return WithDuplicateNamesUnsupported(locations);
    }

    // The locator keeps instances of the same name on different hosts, but the host agent keys the
    // instances it manages by name, so only the first supported instance of each name is managed.
    private static List<InstanceLocation> WithDuplicateNamesUnsupported(IEnumerable<InstanceLocation> locations)
    {
        var managedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<InstanceLocation>();
        foreach (var location in locations)
        {
            var isDuplicate = location.UnsupportedReason.Length == 0 && !managedNames.Add(location.InstanceName);
            result.Add(isDuplicate
                ? location with
                {
                    UnsupportedReason = $"another instance named {location.InstanceName} is already managed by this agent "
                        + $"({SqlDataSourceDescription.Describe(location.ConnectionString)} is a second one); instances are keyed by name, "
                        + "so give each host its own agent.",
                }
                : location);
        }

        return result;
    }

    public async Task<InstanceSnapshot> ProbeInstanceAsync(InstanceLocation instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);

        if (instance.UnsupportedReason.Length > 0)
        {
            return FailedInstance(instance.InstanceName, ProbeStatus.Failed, instance.UnsupportedReason);
        }

        var description = Describe(instance);
        try
        {
            return await _retry.ExecuteAsync(
                async token =>
                {
                    await using var runner = await SqlQueryRunner.OpenAsync(instance.ConnectionString, _options, token).ConfigureAwait(false);
                    return await InstanceProbe.ReadAsync(runner, instance.InstanceName, token).ConfigureAwait(false);
                },
                SqlExceptionClassifier.IsTransient,
                (retry, wait, exception) => LogRetry(description, retry, wait, exception),
                cancellationToken).ConfigureAwait(false);
        }
        catch (SqlException exception) when (SqlExceptionClassifier.IsKnown(exception))
        {
            var status = SqlExceptionClassifier.StatusOf(exception);
            var message = SqlExceptionClassifier.MessageFor(exception, description);
            _logger.LogWarning("{Instance}: probe ended with status {Status}: {Message}", description, status, message);
            return FailedInstance(instance.InstanceName, status, message);
        }
    }

    public async Task<DatabaseSnapshot> ProbeDatabaseAsync(InstanceLocation instance, DatabaseEntry database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(database);

        var description = Describe(instance);
        try
        {
            return await _retry.ExecuteAsync(
                async token =>
                {
                    await using var runner = await SqlQueryRunner.OpenAsync(instance.ConnectionString, _options, token).ConfigureAwait(false);
                    return await DatabaseProbe.ReadAsync(runner, database, description, token).ConfigureAwait(false);
                },
                SqlExceptionClassifier.IsTransient,
                (retry, wait, exception) => LogRetry($"{description} database '{database.Name}'", retry, wait, exception),
                cancellationToken).ConfigureAwait(false);
        }
        catch (SqlException exception) when (SqlExceptionClassifier.IsKnown(exception))
        {
            var message = SqlExceptionClassifier.MessageFor(exception, $"database '{database.Name}' on {description}");
            _logger.LogWarning("{Instance} database {Database}: probe failed: {Message}", description, database.Name, message);
            return new DatabaseSnapshot { Name = database.Name, State = database.State, ProbeError = message };
        }
    }

    /// <summary>Returns why an instance name cannot be managed, or an empty string when it can.</summary>
    public static string UnsupportedReasonFor(string instanceName) =>
        instanceName.Contains('#')
            ? $"instance name '{instanceName}' contains '#', which SQL Server enabled by Azure Arc does not support"
            : "";

    private static string Describe(InstanceLocation instance) =>
        $"instance {instance.InstanceName} ({SqlDataSourceDescription.Describe(instance.ConnectionString)})";

    private static InstanceSnapshot FailedInstance(string instanceName, ProbeStatus status, string message) => new()
    {
        InstanceName = instanceName,
        Edition = "",
        CurrentVersion = "",
        Status = status,
        StatusMessage = message,
    };

    private void LogRetry(string target, int retry, TimeSpan wait, Exception exception)
    {
        var number = exception is SqlException sql ? SqlExceptionClassifier.DecidingNumber(sql) : 0;
        _logger.LogWarning(
            "{Target}: transient SQL error {ErrorNumber}, retry {Retry} of {MaxRetries} in {Delay}",
            target, number, retry, _options.MaxRetries, wait);
    }
}
