using System.Diagnostics;
using ArcActors.Arm.Auth;
using ArcActors.Node.Commands;
using Xunit;

namespace ArcActors.Tests.Pipeline;

public sealed class TokenCommandTests : IDisposable
{
    private const string Scope = "/subscriptions/3b55f041-58d7-4307-b59a-c390da3fb077/resourceGroups/rg-sales";

    private readonly string _folder = TestConfig.TempFolder("token");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TokenCommand_PrintsTokenThatValidates()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        var output = new StringWriter();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var exitCode = await CommandLine.RunAsync(
            ["token", "--principal", "alice", "--role", "READER", "--scope", Scope, "--data", data, "--expires", "2h"], output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.Equal("", lines[1]);
        var key = TokenKey.Load(Path.Combine(data, "api-token.key"));
        Assert.True(ArmTokens.TryValidate(key, lines[0], TimeProvider.System, out var claims, out var error), error);
        Assert.Equal("alice", claims.Principal);
        Assert.Equal("Reader", claims.Role.Name);
        Assert.Equal(Scope, claims.Scope.Path);
        Assert.InRange(claims.IssuedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(TimeSpan.FromHours(2), claims.ExpiresAt - claims.IssuedAt);
    }

    [Fact]
    public async Task TokenCommand_KeyFileOverridesDataFolder()
    {
        var keyFile = Path.Combine(_folder, "keys", "ops.key");
        var data = Path.Combine(_folder, "data");
        var output = new StringWriter();

        await CommandLine.RunAsync(
            ["token", "--principal", "ops", "--role", "Contributor", "--scope", Scope, "--key-file", keyFile, "--data", data], output, CancellationToken.None);

        var key = TokenKey.Load(keyFile);
        Assert.True(ArmTokens.TryValidate(key, output.ToString().Trim(), TimeProvider.System, out var claims, out _));
        Assert.Equal(TimeSpan.FromHours(8), claims.ExpiresAt - claims.IssuedAt);
        Assert.False(File.Exists(Path.Combine(data, "api-token.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }

    [Theory]
    [InlineData("'token' needs --principal", "--role", "Reader", "--scope", Scope)]
    [InlineData("'token' needs --role", "--principal", "alice", "--scope", Scope)]
    [InlineData("'token' needs --scope", "--principal", "alice", "--role", "Reader")]
    [InlineData("--role 'Owner' is not a built-in role", "--principal", "alice", "--role", "Owner", "--scope", Scope)]
    [InlineData("'Azure Hybrid Database Administrator - Read Only Service Role'", "--principal", "alice", "--role", "Owner", "--scope", Scope)]
    [InlineData("is not a GUID", "--principal", "alice", "--role", "Reader", "--scope", "/subscriptions/sub1")]
    [InlineData("--expires '0h' is invalid", "--principal", "alice", "--role", "Reader", "--scope", Scope, "--expires", "0h")]
    [InlineData("--expires '367d' is invalid", "--principal", "alice", "--role", "Reader", "--scope", Scope, "--expires", "367d")]
    [InlineData("'token' has no option --once", "--principal", "alice", "--role", "Reader", "--scope", Scope, "--once")]
    public async Task TokenCommand_RejectsBadArguments(string expected, params string[] options)
    {
        var args = new[] { "token", "--data", Path.Combine(_folder, "data") }.Concat(options).ToArray();

        var error = await Assert.ThrowsAsync<CommandLineException>(() => CommandLine.RunAsync(args, TextWriter.Null, CancellationToken.None));

        Assert.Contains(expected, error.Message);
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")));
    }

    [Fact]
    public async Task TokenCommand_ShortKeyFileRejected()
    {
        var keyFile = Path.Combine(_folder, "short.key");
        File.WriteAllText(keyFile, Convert.ToBase64String(new byte[20]));
        var output = new StringWriter();

        var error = await Assert.ThrowsAsync<TokenKeyException>(() => CommandLine.RunAsync(
            ["token", "--principal", "alice", "--role", "Reader", "--scope", Scope, "--key-file", keyFile], output, CancellationToken.None));

        Assert.Contains(keyFile, error.Message);
        Assert.Contains("at least 32 random bytes", error.Message);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void TokenCommand_ExecutablePrintsOnlyToken()
    {
        var keyFile = Path.Combine(_folder, "exe.key");

        using var process = Start("token", "--principal", "alice", "--role", "Reader", "--scope", Scope, "--key-file", keyFile);
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("", error);
        Assert.EndsWith("\n", output);
        Assert.True(ArmTokens.TryValidate(TokenKey.Load(keyFile), output.TrimEnd('\n'), TimeProvider.System, out _, out var reason), reason);
    }

    [Fact]
    public void TokenCommand_ExecutableExitsOneOnShortKey()
    {
        var keyFile = Path.Combine(_folder, "short.key");
        File.WriteAllText(keyFile, Convert.ToBase64String(new byte[8]));

        using var process = Start("token", "--principal", "alice", "--role", "Reader", "--scope", Scope, "--key-file", keyFile);
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", output);
        Assert.Contains(keyFile, error);
        Assert.Contains("8-byte key", error);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "arcactors.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    [Theory]
    [InlineData("host agent on db-phys-02")]
    [InlineData("Fleet File")]
    [InlineData("anonymous")]
    public async Task TokenCommand_ReservedPrincipalRejected(string principal)
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;

        var error = await Assert.ThrowsAsync<CommandLineException>(() => CommandLine.RunAsync(
            ["token", "--principal", principal, "--role", "Reader", "--scope", Scope, "--data", data], new StringWriter(), CancellationToken.None));

        Assert.Contains("reserved", error.Message);
        Assert.False(File.Exists(Path.Combine(data, "api-token.key")));
    }

    [Fact]
    public async Task TokenCommand_MissingDataFolderRejected()
    {
        var data = Path.Combine(_folder, "typo");

        var error = await Assert.ThrowsAsync<CommandLineException>(() => CommandLine.RunAsync(
            ["token", "--principal", "alice", "--role", "Reader", "--scope", Scope, "--data", data], new StringWriter(), CancellationToken.None));

        Assert.Contains(data, error.Message);
        Assert.False(Directory.Exists(data));
    }
}
