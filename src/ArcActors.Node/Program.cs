using System.Runtime.InteropServices;
using ArcActors.Node.Commands;
using ArcActors.Simulation.Fleets;

namespace ArcActors.Node;

/// <summary>
/// The <c>arcactors</c> executable. Modes: <c>up</c> (one process, every role, SQLite, a simulated
/// fleet) and <c>simulate</c> (a fleet on a virtual clock, writing output files).
/// </summary>
public static class Program
{
    /// <summary>Exit code of a run stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int StoppedExitCode = 130;

    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => RequestStop(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => RequestStop(context, stop));

        try
        {
            return await CommandLine.RunAsync(args, Console.Out, stop.Token);
        }
        catch (CommandLineException exception)
        {
            Console.Error.WriteLine($"arcactors: {exception.Message}");
            Console.Error.WriteLine("Run 'arcactors help' for the commands and their options.");
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("arcactors: stopped before the current step finished; what was stored until then is kept.");
            return StoppedExitCode;
        }
        catch (FleetFileException exception)
        {
            Console.Error.WriteLine($"arcactors: {exception.Message}");
            return 1;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"arcactors: {exception.Message}");
            return 1;
        }
    }

    // The first signal cancels the running step and lets the command shut the node down cleanly.
    // A second signal keeps its default action and ends the process at once.
    private static void RequestStop(PosixSignalContext context, CancellationTokenSource stop)
    {
        if (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"arcactors: second {context.Signal}, exiting without a clean shutdown");
            return;
        }

        context.Cancel = true;
        Console.Error.WriteLine($"arcactors: {context.Signal} received, stopping (send it again to exit at once) ...");
        stop.Cancel();
    }
}
