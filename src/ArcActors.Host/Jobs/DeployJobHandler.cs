using System.Text.Json;
using Akka.Actor;
using ArcActors.Contracts.Inventory;
using ArcActors.Host.Deployment;
using ArcActors.Host.Relay;
using Deployer = ArcActors.Host.Deployment.Deployer;

namespace ArcActors.Host.Jobs;

/// <summary>
/// Runs a Deploy job through the host's <see cref="Deployer"/>: parameter <c>operation</c> (Install,
/// Enable, Update, Disable, Uninstall) and, for Install and Update, <c>settings</c>, the complete
/// ExtensionSettings in JSON (an update replaces every setting). The deployer validates the settings
/// and refuses a second operation while one runs (OperationInProgress).
/// </summary>
public sealed class DeployJobHandler(IActorRef deployer, TimeSpan operationTimeout) : IJobHandler
{
    private static readonly JsonSerializerOptions SettingsJson = new() { PropertyNameCaseInsensitive = true, UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var request = Request(run.Job.Parameter("operation"), run.Job.Parameter("settings"));
        if (request.Operation == DeployerOperation.Update
            && (await deployer.Ask<DeployerState>(GetDeployerState.Instance, operationTimeout, cancellationToken).ConfigureAwait(false)).Status == DeployerStatus.NotInstalled)
        {
            // Settings sent to an uninstalled extension install it with them, as a PUT of the extension resource does.
            request = DeploymentRequest.Install(request.Settings);
        }

        var result = await deployer.Ask<DeploymentResult>(request, operationTimeout, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? JobOutcome.Succeeded($"{request.Operation} {(result.Outcome == DeploymentOutcome.AlreadyDone ? "had nothing to do" : "succeeded")}; the extension is {result.Status}.",
                JsonSerializer.Serialize(new { operation = request.Operation.ToString(), status = result.Status.ToString() }))
            : JobOutcome.Failed($"{request.Operation} {result.Outcome}: {result.Error?.Code}: {result.Error?.Message}");
    }

    /// <exception cref="JobInputException">The operation or the settings cannot be read.</exception>
    public static DeploymentRequest Request(string operation, string settingsJson)
    {
        if (!Enum.TryParse<DeployerOperation>(operation, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            throw new JobInputException($"deploy operation '{operation}' is unknown; use Install, Enable, Update, Disable or Uninstall.");
        }

        return parsed switch
        {
            DeployerOperation.Install => DeploymentRequest.Install(settingsJson.Length == 0 ? null : Settings(settingsJson)),
            DeployerOperation.Update => DeploymentRequest.Update(Settings(settingsJson)),
            DeployerOperation.Enable => DeploymentRequest.Enable(),
            DeployerOperation.Disable => DeploymentRequest.Disable(),
            _ => DeploymentRequest.Uninstall(),
        };
    }

    private static ExtensionSettings Settings(string json)
    {
        if (json.Length == 0)
        {
            throw new JobInputException("an Update needs the 'settings' parameter: the complete extension settings in JSON, because an update replaces all of them.");
        }

        try
        {
            return JsonSerializer.Deserialize<ExtensionSettings>(json, SettingsJson)
                ?? throw new JobInputException("the 'settings' parameter is null; give the extension settings as a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new JobInputException($"the 'settings' parameter is not valid extension settings JSON: {exception.Message}");
        }
    }
}
