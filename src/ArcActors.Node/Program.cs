using System.Runtime.InteropServices;
using ArcActors.Node.Commands;
using ArcActors.Node.Runtime;
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
        catch (OperationCanceledException exception) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"arcactors: stopped before the current step finished; {StopOutcome(exception)}");
            return StoppedExitCode;
        }
        catch (FleetFileException exception)
        {
            Console.Error.WriteLine($"arcactors: {exception.Message}");
            return 1;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or NodeConfigException)
        {
            Console.Error.WriteLine($"arcactors: {exception.Message}");
            return 1;
        }
    }

    // A simulate run on a temporary data folder deletes it and reports that in the exception's message.
    // Every other stopped run keeps its data folder.
    private static string StopOutcome(OperationCanceledException exception) =>
        exception.Message == SimulateCommand.TemporaryDataDeletedMessage
            ? exception.Message
            : "what was stored until then is kept in the data folder.";

    // The first signal cancels the running step and lets the command shut the node down cleanly.
    // A second signal ends the process at once.
    private static void RequestStop(PosixSignalContext context, CancellationTokenSource stop)
    {
        if (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"arcactors: second {context.Signal}, exiting without a clean shutdown");
            ExitNow(StoppedExitCode);
            return;
        }

        context.Cancel = true;
        Console.Error.WriteLine($"arcactors: {context.Signal} received, stopping (send it again to exit at once) ...");
        stop.Cancel();
    }

    /// <summary>
    /// Ends the process with <paramref name="exitCode"/> without running exit handlers. The runtime's
    /// own signal handling and <see cref="Environment.Exit"/> run AppDomain.ProcessExit, where Akka.NET's
    /// coordinated shutdown waits for the actor system: on a 200 MB fleet it kept the process running.
    /// Environment.FailFast would skip them too, but it reports a crash and writes a crash dump.
    /// On Unix, _exit(2) ends the process at once; on Windows, TerminateProcess does.
    /// </summary>
    private static void ExitNow(int exitCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        if (OperatingSystem.IsWindows())
        {
            TerminateProcess(System.Diagnostics.Process.GetCurrentProcess().Handle, (uint)exitCode);
        }
        else
        {
            UnixExit(exitCode);
        }
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void UnixExit(int status);

    [DllImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool TerminateProcess(IntPtr process, uint exitCode);
}
