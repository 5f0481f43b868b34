namespace ArcActors.Arm.Licenses;

/// <summary>The validated request, or the ARM error (status 400, code and message) that rejects the body.</summary>
public sealed record LicenseValidationResult(LicenseRequest? Request, string ErrorCode = "", string ErrorMessage = "")
{
    public const int ErrorStatus = 400;

    public bool IsValid => Request is not null;

    public static LicenseValidationResult Invalid(string code, string message) => new(null, code, message);

    public ArmWriteResult ToWriteResult() => ArmWriteResult.Failed(ErrorStatus, ErrorCode, ErrorMessage);
}
