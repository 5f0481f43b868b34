using ArcActors.Node.Runtime;

namespace ArcActors.Node.Commands;

/// <summary>
/// <c>arcactors node --config FILE</c>: one node of a multi-process deployment, with the roles its
/// node file lists. Runs until SIGINT or SIGTERM, then leaves the cluster through coordinated shutdown.
/// </summary>
public static class NodeCommand
{
    public sealed record Options(string ConfigPath, bool Verbose);

    /// <summary>Returns 0 after a clean stop, or 1 when the node file or the environment is invalid (the reason goes to <paramref name="error"/>).</summary>
    public static async Task<int> RunAsync(Options options, TextWriter output, TextWriter error, CancellationToken stop)
    {
        NodeConfig config;
        try
        {
            config = NodeConfig.Load(options.ConfigPath, options.Verbose ? "INFO" : "WARNING");
                    }
        catch (NodeConfigException exception)
        {
            error.WriteLine($"arcactors: {exception.Message}");
            return 1;
        }

        NodeRuntime node;
        try
        {
            node = await NodeRuntime.StartAsync(config, output, stop);
        }
        catch (NodeConfigException exception)
        {
            error.WriteLine($"arcactors: {exception.Message}");
            return 1;
        }

        await using (node)
        {
            output.WriteLine("node running; send SIGTERM (or press Ctrl+C) to stop");
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                var member = config.Settings.Has(NodeRoles.Dps) || config.Settings.Has(NodeRoles.Api);
                output.WriteLine(member ? "stopping: handing over shards and leaving the cluster ..." : "stopping the host agent ...");
            }
        }

        output.WriteLine("node stopped");
        return 0;
    }
}
