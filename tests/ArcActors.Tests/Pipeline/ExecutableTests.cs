using System.Diagnostics;
using ArcActors.Node.Commands;
using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Pipeline;

/// <summary>Runs the built <c>arcactors</c> executable as a separate process, as an operator would.</summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("exe");

    [Fact]
    public async Task Up_StopsCleanlyOnSigterm()
    {
        using var process = Start("up", "--data", Path.Combine(_folder, "data"), "--interval", "1h", "--api-port", "0");
        var apiLine = await WaitForLineAsync(process, line => line.StartsWith("ARM API on ", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var firstTable = await WaitForLineAsync(process, line => line.Contains("next cycle in", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        Assert.NotNull(firstTable);
        Assert.Equal(200, await GetInstancesAsync(apiLine!));

        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
        var exited = process.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.True(exited, "arcactors up did not exit within 60 s of SIGTERM");
        Assert.Equal(0, process.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "data", "arcactors.lock")));
    }

    [Fact]
    public void Simulate_RejectsOutputPathThatIsAFile()
    {
        var file = Path.Combine(_folder, "taken");
        File.WriteAllText(file, "");

        using var process = Start("simulate", "--fleet", TestConfig.FleetPath("field-scenarios.yaml"), "--hours", "1", "--out", file);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"--out {file} is a file", error);
    }

    [Theory]
    [InlineData("unknown option --bogus", "up", "--bogus")]
    [InlineData("option --hours is given twice", "simulate", "--hours", "1", "--hours", "2")]
    [InlineData("'up' has no option --hours", "up", "--hours", "3")]
    [InlineData("--interval '1w' is invalid", "up", "--interval", "1w")]
    public async Task CommandLine_RejectsBadArguments(string expected, params string[] args)
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(() => CommandLine.RunAsync(args, TextWriter.Null, CancellationToken.None));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void DataFolder_SecondOpenIsRejected()
    {
        using var first = DataFolder.Open(Path.Combine(_folder, "shared"));

        var error = Assert.Throws<IOException>(() => DataFolder.Open(Path.Combine(_folder, "shared")));

        Assert.Contains("is in use by another arcactors process", error.Message);
    }

    [Fact]
    public async Task Up_RejectsDataFolderOfAnotherFleet()
    {
        var data = Path.Combine(_folder, "one-fleet");
        await UpCommand.RunAsync(new UpCommand.Options(TestConfig.FleetPath("sample.yaml"), data, Once: true, TimeSpan.FromHours(1), Verbose: false),
            TextWriter.Null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<IOException>(() => SimulateCommand.RunAsync(
            new SimulateCommand.Options(TestConfig.FleetPath("field-scenarios.yaml"), 1, Path.Combine(_folder, "out"), data, Verbose: false), TextWriter.Null));

        Assert.Contains("field-scenarios", error.Message);
        Assert.Contains("give another folder with --data", error.Message);
    }

    [Fact]
    public async Task CommandLine_RejectsMissingCommand()
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(() => CommandLine.RunAsync([], TextWriter.Null, CancellationToken.None));

        Assert.Contains("no command given", error.Message);
    }

    private static Process Start(params string[] args)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "arcactors.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(executable);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    // Reads the sample fleet's instances through the API that 'up' announced, with a token signed by the data folder's key.
    private async Task<int> GetInstancesAsync(string apiLine)
    {
        var address = new Uri(apiLine.Split(' ')[3]);
        var thumbprint = apiLine.Split("certificate ")[1].Split(',')[0];
        const string subscription = "0f6c2a51-8d3e-4b7a-9c1e-5a2b7d4e9f10";
        var key = ArcActors.Arm.Auth.TokenKey.Load(Path.Combine(_folder, "data", "api-token.key"));
        var token = ArcActors.Arm.Auth.ArmTokens.Issue(key, "alice", "Reader", $"/subscriptions/{subscription}", TimeSpan.FromMinutes(5), TimeProvider.System);
        using var http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        }) { BaseAddress = address };
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/subscriptions/{subscription}/providers/Microsoft.AzureArcData/sqlServerInstances?api-version=2024-01-01");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<string?> WaitForLineAsync(Process process, Func<string, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!cancel.IsCancellationRequested)
        {
            var line = await process.StandardOutput.ReadLineAsync(cancel.Token);
            if (line is null)
            {
                return null;
            }

            if (match(line))
            {
                return line;
            }
        }

        return null;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
