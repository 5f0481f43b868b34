using ArcActors.ApiBench;

// arcactors-apibench: measures the ARM API over a read store of many databases and prints Markdown tables.
// Exit codes: 0 when every list returned every database once and every GET returned 200, 1 otherwise, 2 for a bad command line.
if (args.Any(arg => arg is "--help" or "-h"))
{
    Console.WriteLine(ApiBenchOptions.Help);
    return 0;
}

try
{
    var options = ApiBenchOptions.Parse(args);
    return await ApiBenchRun.RunAsync(options, Console.Out, CancellationToken.None);
}
catch (ApiBenchArgumentException exception)
{
    Console.Error.WriteLine($"arcactors-apibench: {exception.Message}");
    return 2;
}
