using System.Diagnostics;
using System.Globalization;
using ArcActors.Node.Commands;
using ArcActors.Simulation.Fleets;
using Xunit;

namespace ArcActors.Tests.Pipeline;

/// <summary>Command line cases from a second new-user review: help tokens, missing files, reused data folders and signals.</summary>
public sealed class ExecutableReviewTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("exe-review");

    [Fact]
    public async Task CommandLine_HelpAsOptionValueIsAValue()
    {
        var output = new StringWriter();

        var error = await Assert.ThrowsAsync<FleetFileException>(() => CommandLine.RunAsync(
            ["simulate", "--fleet", "help", "--hours", "1", "--out", Path.Combine(_folder, "out")], output, CancellationToken.None));

        Assert.Contains("does not exist", error.Message);
        Assert.DoesNotContain("Commands:", output.ToString());
    }

    [Theory]
    [InlineData("help")]
    [InlineData("up", "-h")]
    [InlineData("simulate", "--fleet", "x.yaml", "--help")]
    public async Task CommandLine_HelpTokenPrintsHelp(params string[] args)
    {
        var output = new StringWriter();

        var exitCode = await CommandLine.RunAsync(args, output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("Commands:", output.ToString());
    }

    [Fact]
    public async Task Simulate_RejectsDataFolderOfEarlierRun()
    {
        var data = Path.Combine(_folder, "data");
        var fleet = TestConfig.FleetPath("field-scenarios.yaml");
        await SimulateCommand.RunAsync(new SimulateCommand.Options(fleet, 1, Path.Combine(_folder, "out1"), data, Verbose: false), TextWriter.Null);

        var error = await Assert.ThrowsAsync<IOException>(() => SimulateCommand.RunAsync(
            new SimulateCommand.Options(fleet, 1, Path.Combine(_folder, "out2"), data, Verbose: false), TextWriter.Null));

        Assert.Contains(Path.GetFullPath(data), error.Message);
        Assert.Contains("give an empty or new folder", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out2")));
    }

    [Fact]
    public void Simulate_MissingFleetFileNamesPath()
    {
        var fleet = Path.Combine(_folder, "no-such-folder", "x.yaml");

        using var process = Start("simulate", "--fleet", fleet, "--hours", "1", "--out", Path.Combine(_folder, "out"));
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"fleet file '{fleet}' does not exist", error);
        Assert.DoesNotContain("Could not find", error);
    }

    [Fact]
    public async Task Simulate_StopWithoutDataSaysFolderDeleted()
    {
        using var process = Start("simulate", "--fleet", TestConfig.FleetPath("field-scenarios.yaml"), "--hours", "8784", "--out", Path.Combine(_folder, "out"));
        Assert.NotNull(await WaitForProgressAsync(process));

        Signal("INT", process);
        var error = await process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.True(exited, "arcactors simulate did not exit within 60 s of SIGINT");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("temporary data folder was deleted", error);
        Assert.DoesNotContain("is kept", error);
    }

    [Fact]
    public async Task Simulate_SecondSignalExitsAtOnce()
    {
        // A loaded machine can finish the clean stop before the second signal arrives, and then there is no
        // second signal to test, so such a run is tried again, up to three times.
        string? first = null;
        var error = "";
        var exited = false;
        var exitCode = -1;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var data = Path.Combine(_folder, $"data-{attempt}");
            using var process = Start("simulate", "--fleet", TestConfig.FleetPath("field-scenarios.yaml"), "--hours", "8784",
                "--out", Path.Combine(_folder, $"out-{attempt}"), "--data", data);
            Assert.NotNull(await WaitForProgressAsync(process));

            // Two signals sent back to back can merge into one pending signal, so the second waits for the first's message.
            Signal("TERM", process);
            first = await WaitForErrorLineAsync(process, "SIGTERM received, stopping");
            Signal("TERM", process);
            error = await process.StandardError.ReadToEndAsync();
            exited = process.WaitForExit(TimeSpan.FromSeconds(30));
            exitCode = exited ? process.ExitCode : -1;
            if (!error.Contains("stopped before the current step finished", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.NotNull(first);
        Assert.True(exited, "arcactors simulate did not exit within 30 s of a second SIGTERM");
        Assert.Equal(130, exitCode);
        Assert.Contains("second SIGTERM", error);
        Assert.DoesNotContain("stopped before the current step finished", error);
    }

    private static void Signal(string name, Process process) =>
        Process.Start("kill", [$"-{name}", process.Id.ToString(CultureInfo.InvariantCulture)]).WaitForExit();

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "arcactors.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task<string?> WaitForProgressAsync(Process process)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("simulated ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    private static async Task<string?> WaitForErrorLineAsync(Process process, string text)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await process.StandardError.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
