using ArcActors.Contracts.Events;
using ArcActors.Contracts.Ingress;
using ArcActors.Contracts.Inventory;
using ArcActors.Contracts.Jobs;
using ArcActors.Contracts.Licenses;
using ArcActors.Contracts.Subscriptions;

namespace ArcActors.Contracts.Serialization;

/// <summary>
/// The manifest of every serialized type. Add new types here with a new manifest; never reuse or
/// change a manifest that may already be in a journal.
/// </summary>
public static class MessageManifests
{
    private static readonly Dictionary<Type, string> ManifestsByType = new();
    private static readonly Dictionary<string, Type> TypesByManifest = new(StringComparer.Ordinal);

    static MessageManifests()
    {
        Register<UploadInventory>("up-inv");
        Register<UploadMachine>("up-mach");
        Register<UploadUsage>("up-use");
        Register<UploadAccepted>("up-ok");
        Register<UploadRejected>("up-rej");
        Register<AuthenticatedUpload>("up-auth");
        Register<InstanceInventoryChanged>("ev-inv");
        Register<MachineChanged>("ev-mach");
        Register<UsageHourBilled>("ev-bill");
        Register<UsageBilled>("ev-bills");
        Register<SetProviderRegistration>("sub-set");
        Register<GetProviderRegistrations>("sub-get");
        Register<ProviderRegistrations>("sub-state");
        Register<ProviderRegistrationChanged>("ev-prov");
        Register<PatchInstanceSettings>("inst-patch");
        Register<InstanceSettingsReply>("inst-settings");
        Register<InstanceSettingsChanged>("ev-inst-set");
        Register<PatchDatabaseBackupPolicy>("inst-db-policy");
        Register<PutLicense>("lic-put");
        Register<PatchLicense>("lic-patch");
        Register<DeleteLicense>("lic-del");
        Register<GetLicense>("lic-get");
        Register<LicenseReply>("lic-reply");
        Register<LicenseWritten>("ev-lic");
        Register<LicenseDeleted>("ev-lic-del");
        Register<JobCommand>("job-cmd");
        Register<EnqueueJob>("job-enq");
        Register<JobAccepted>("job-ok");
        Register<JobRefused>("job-refused");
        Register<CancelJob>("job-cancel");
        Register<PullJobs>("job-pull");
        Register<JobsDelivery>("job-delivery");
        Register<ReportJob>("job-report");
        Register<JobReportAccepted>("job-report-ok");
        Register<GetJobs>("job-get");
        Register<JobList>("job-list");
        Register<JobQueued>("ev-job-queued");
        Register<JobStateChanged>("ev-job-state");
    }

    /// <summary>Every registered type, for round-trip tests.</summary>
    public static IReadOnlyCollection<Type> RegisteredTypes => ManifestsByType.Keys;

    /// <summary>
    /// Adds a type from another assembly (entity state snapshots, for example). Call it before the
    /// actor system starts; registering the same pair twice is allowed.
    /// </summary>
    public static void Register<T>(string manifest) where T : IArcActorsMessage => Register(typeof(T), manifest);

    public static void Register(Type type, string manifest)
    {
        lock (ManifestsByType)
        {
            if (TypesByManifest.TryGetValue(manifest, out var existing) && existing != type)
            {
                throw new InvalidOperationException(
                    $"Manifest '{manifest}' is already used by {existing.FullName}; pick another manifest for {type.FullName}.");
            }

            ManifestsByType[type] = manifest;
            TypesByManifest[manifest] = type;
        }
    }

    public static string ManifestOf(Type type)
    {
        lock (ManifestsByType)
        {
            return ManifestsByType.TryGetValue(type, out var manifest)
                ? manifest
                : throw new ArgumentException(
                    $"Type {type.FullName} has no manifest; register it in {nameof(MessageManifests)}.", nameof(type));
        }
    }

    public static Type TypeOf(string manifest)
    {
        lock (ManifestsByType)
        {
            return TypesByManifest.TryGetValue(manifest, out var type)
                ? type
                : throw new System.Runtime.Serialization.SerializationException(
                    $"Unknown manifest '{manifest}'; the journal holds an event this version of ArcActors does not know.");
        }
    }
}
