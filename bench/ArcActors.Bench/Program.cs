using ArcActors.Bench;

// arcactors-bench: generates a fleet, simulates it in-process and prints the figures as Markdown.
// Exit codes: 0 when the run succeeded and the unchanged-cycles check did not fail, 1 otherwise, 2 for a bad command line.
if (args.Any(arg => arg is "--help" or "-h"))
{
    Console.WriteLine(BenchOptions.Help);
    return 0;
}

try
{
    var options = BenchOptions.Parse(args);
    var result = await BenchRun.RunAsync(options, Console.Out);
    var check = UnchangedCyclesCheck.Evaluate(result);
    BenchReport.Write(result, check, Console.Out);

    return result.Simulation.ExitCode == 0 && check.Verdict != UnchangedCyclesCheck.Fail ? 0 : 1;
}
catch (BenchArgumentException exception)
{
    Console.Error.WriteLine($"arcactors-bench: {exception.Message}");
    return 2;
}
