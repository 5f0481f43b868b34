using ArcActors.ClusterBench;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ClusterBenchOptions.Usage);
    return 0;
}

ClusterBenchOptions options;
try
{
    options = ClusterBenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"arcactors-clusterbench: {exception.Message}");
    return 2;
}

var server = Environment.GetEnvironmentVariable(ClusterBenchOptions.PostgresVariable);
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine($"arcactors-clusterbench: {ClusterBenchOptions.PostgresVariable} is not set; start a PostgreSQL server on loopback "
        + "(for example with start_postgres from .ci/run) and set it to an Npgsql connection string whose role may create databases.");
    return 2;
}

var work = options.Work ?? Path.Combine(Path.GetTempPath(), $"arcactors-clusterbench-{DateTime.UtcNow:yyyyMMddHHmmss}");
Directory.CreateDirectory(work);
var files = new ClusterFiles(Path.GetFullPath(work), options.Hosts, options.DpsNodes);
Environment.SetEnvironmentVariable(ClusterFiles.TlsPasswordVariable, files.TlsPassword);
var hosts = Enumerable.Range(0, options.Hosts).Select(index => new BenchHost(index)).ToList();
var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
Console.WriteLine($"arcactors-clusterbench: work folder {files.Folder}");

PathResult? inProcess = null;
if (options.RunInProcess)
{
    Console.WriteLine("in-process path: starting");
    inProcess = await InProcessRun.RunAsync(options, files, hosts, PostgresDatabases.Create(server, $"clusterbench_{stamp}_inprocess"));
    Console.WriteLine($"in-process path: {inProcess.UploadsPerSecond:0.0} uploads/s");
}

RemoteRun.RemoteResult? remote = null;
if (options.RunRemote)
{
    Console.WriteLine("remote path: starting");
    remote = await RemoteRun.RunAsync(options, files, hosts, PostgresDatabases.Create(server, $"clusterbench_{stamp}_cluster"));
}

ClusterBenchReport.Write(Console.Out, options, inProcess, remote);
return 0;
