using System.Collections.Concurrent;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;

namespace ArcActors.Tests.Deployment;

/// <summary>
/// An installer whose every call stays pending until the test completes it, so a test decides when an
/// operation ends without sleeping. Calls are recorded in order with the settings they received.
/// </summary>
internal sealed class ControlledInstaller : IExtensionInstaller
{
    private readonly ConcurrentQueue<TaskCompletionSource<InstallerResult>> _pending = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<(ExtensionSettings Before, ExtensionSettings After)> SettingsChanges { get; } = new();

    /// <summary>Ends the oldest pending call with <paramref name="result"/>.</summary>
    public void CompleteNext(InstallerResult result)
    {
        if (!_pending.TryDequeue(out var call))
        {
            throw new InvalidOperationException("No installer call is pending; send the request to the deployer first.");
        }

        call.SetResult(result);
    }

    /// <summary>Ends the oldest pending call with <paramref name="exception"/>.</summary>
    public void FailNext(Exception exception)
    {
        if (!_pending.TryDequeue(out var call))
        {
            throw new InvalidOperationException("No installer call is pending; send the request to the deployer first.");
        }

        call.SetException(exception);
    }

    public Task<InstallerResult> InstallAsync(ExtensionSettings settings, CancellationToken cancellationToken) => Pend("Install");

    public Task<InstallerResult> EnableAsync(ExtensionSettings settings, CancellationToken cancellationToken) => Pend("Enable");

    public Task<InstallerResult> ApplySettingsAsync(ExtensionSettings before, ExtensionSettings after, CancellationToken cancellationToken)
    {
        SettingsChanges.Enqueue((before, after));
        return Pend("ApplySettings");
    }

    public Task<InstallerResult> DisableAsync(ExtensionSettings settings, CancellationToken cancellationToken) => Pend("Disable");

    public Task<InstallerResult> UninstallAsync(CancellationToken cancellationToken) => Pend("Uninstall");

    private Task<InstallerResult> Pend(string call)
    {
        Calls.Enqueue(call);
        var completion = new TaskCompletionSource<InstallerResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Enqueue(completion);
        return completion.Task;
    }
}
