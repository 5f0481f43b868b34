namespace ArcActors.Host.Deployment;

/// <summary>Stable codes of <see cref="DeploymentError"/>; callers match on these, never on messages.</summary>
public static class DeploymentErrorCodes
{
    public const string InvalidLicenseType = "InvalidLicenseType";
    public const string LicenseOnlyWhileEsuEnabled = "LicenseOnlyWhileEsuEnabled";
    public const string EsuRequiresPaidOrPayg = "EsuRequiresPaidOrPayg";
    public const string PhysicalCoreLicenseRequiresPaidOrPayg = "PhysicalCoreLicenseRequiresPaidOrPayg";
    public const string PaygConsentRequiresPayg = "PaygConsentRequiresPayg";
    public const string UnknownFeatureFlag = "UnknownFeatureFlag";
    public const string InvalidExcludedInstanceName = "InvalidExcludedInstanceName";
    public const string DuplicateExcludedInstanceName = "DuplicateExcludedInstanceName";
    public const string MissingSettings = "MissingSettings";

    /// <summary>Another operation is running; ARM returns this code with HTTP 409.</summary>
    public const string OperationInProgress = "OperationInProgress";

    /// <summary>The operation needs an installed extension; ARM returns this code with HTTP 409.</summary>
    public const string SqlExtensionNotInstalled = "SqlExtensionNotInstalled";

    public const string ExtensionAlreadyInstalled = "ExtensionAlreadyInstalled";
    public const string InstallerFailed = "InstallerFailed";
    public const string SqlStepFailed = "SqlStepFailed";
    public const string PermissionsLeftBehind = "PermissionsLeftBehind";
}
