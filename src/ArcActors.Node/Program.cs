using ArcActors.Node.Commands;

namespace ArcActors.Node;

/// <summary>
/// The <c>arcactors</c> executable. Modes: <c>up</c> (one process, every role, SQLite, a simulated
/// fleet) and <c>simulate</c> (a fleet on a virtual clock, writing output files).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

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
        catch (Exception exception) when (exception is ArcActors.Simulation.Fleets.FleetFileException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"arcactors: {exception.Message}");
            return 1;
        }
    }
}
