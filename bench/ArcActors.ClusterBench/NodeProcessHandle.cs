using System.Diagnostics;

namespace ArcActors.ClusterBench;

/// <summary>An <c>arcactors node --config FILE</c> process, with its output written to a log file beside the node file.</summary>
public sealed class NodeProcessHandle : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<Uri> _health = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcessHandle(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    /// <summary>Starts the <c>arcactors.dll</c> that the build copied next to the benchmark.</summary>
    public static NodeProcessHandle Start(string configPath, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "arcactors.dll"));
        info.ArgumentList.Add("node");
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(configPath);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var log = new StreamWriter(Path.ChangeExtension(configPath, ".log")) { AutoFlush = true };
        var node = new NodeProcessHandle(Process.Start(info)!, log);
        node._process.OutputDataReceived += (_, e) => node.Record(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Record(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits for the node's "health on URL" line, printed once it is a cluster member with its roles started.</summary>
    public Task<Uri> WaitForHealthAddressAsync(TimeSpan timeout) => _health.Task.WaitAsync(timeout);

    /// <summary>Sends SIGKILL: the node stops without coordinated shutdown, as on a power loss.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }

        const string marker = "health on ";
        var at = line.LastIndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            _health.TrySetResult(new Uri(line[(at + marker.Length)..]));
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
