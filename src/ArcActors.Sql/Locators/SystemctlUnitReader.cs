using System.ComponentModel;
using System.Diagnostics;

namespace ArcActors.Sql.Locators;

/// <summary>Runs <c>systemctl show</c> to read a unit's state.</summary>
public sealed class SystemctlUnitReader : ISystemdUnitReader
{
    private readonly string _systemctlPath;

    /// <param name="systemctlPath">The systemctl program; a bare name is looked up on PATH.</param>
    public SystemctlUnitReader(string systemctlPath = "systemctl")
    {
        _systemctlPath = systemctlPath;
    }

    /// <exception cref="InvalidOperationException">systemctl exited with an error.</exception>
    public async Task<string> ShowAsync(string unit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_systemctlPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("show");
        start.ArgumentList.Add(unit);
        start.ArgumentList.Add("--property=LoadState,ActiveState,SubState");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{_systemctlPath}' did not start.");
        }
        catch (Win32Exception)
        {
            // No systemctl (a container, or a host without systemd): the state stays unread.
            return "";
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

            if (process.ExitCode != 0)
            {
                var message = (await error.ConfigureAwait(false)).Trim();

                // systemctl is installed but systemd does not run (a container): the state stays unread, as without systemctl.
                if (message.Contains("not been booted with systemd", StringComparison.Ordinal) || message.Contains("Failed to connect to bus", StringComparison.Ordinal))
                {
                    return "";
                }

                throw new InvalidOperationException($"'{_systemctlPath} show {unit}' failed with exit code {process.ExitCode}: {message}");
            }

            return await output.ConfigureAwait(false);
        }
    }
}
