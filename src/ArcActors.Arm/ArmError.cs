namespace ArcActors.Arm;

/// <summary>An ARM error response: HTTP status, error code and message.</summary>
internal sealed record ArmError(int Status, string Code, string Message)
{
    public static ArmError InvalidResourceId(string path, string reason) =>
        new(400, "InvalidResourceId", $"The resource id '{path}' is invalid: {reason}.");

    public static ArmError InvalidResourceType(string providerNamespace, string typePath) =>
        new(400, "InvalidResourceType",
            $"The resource type '{typePath}' could not be found in the namespace '{providerNamespace}'. "
            + $"Supported types are: {string.Join(", ", ArmResourceTypes.InNamespace(providerNamespace).Select(type => type.TypePath))}.");

    public static ArmError InvalidResourceNamespace(string providerNamespace) =>
        new(400, "InvalidResourceNamespace",
            $"The resource namespace '{providerNamespace}' is invalid. Supported namespaces are: {string.Join(", ", ArmResourceTypes.Namespaces)}.");

    public static ArmError MissingApiVersion(string target, IReadOnlyList<string> supported) =>
        new(400, "MissingApiVersionParameter",
            $"The api-version query parameter (?api-version=) is required for all requests. "
            + $"Supported api-versions for {target} are '{string.Join("', '", supported)}'.");

    public static ArmError InvalidApiVersion(string value, string target, IReadOnlyList<string> supported) =>
        new(400, "InvalidApiVersionParameter",
            $"The api-version '{(value.Length <= 32 ? value : value[..32] + "…")}' is invalid. Supported api-versions for {target} are '{string.Join("', '", supported)}'.");

    public static ArmError ResourceNotFound(string id, string fullType) =>
        new(404, "ResourceNotFound", $"The resource '{fullType}' with id '{id}' was not found.");

    public static ArmError InvalidFilter(string filter) =>
        new(400, "InvalidFilterInQueryString",
            $"The $filter '{filter}' is invalid. The API supports only \"resourceType eq '<namespace>/<type>'\".");

    public static ArmError InvalidTop(string value, int max) =>
        new(400, "InvalidTopInQueryString", $"The $top '{value}' is invalid. Use a whole number from 1 to {max}.");

    public static ArmError RouteNotFound(string path) =>
        new(404, "NotFound", $"No API route matches the path '{path}'. Use an ARM resource id below /subscriptions/.");

    public static ArmError InvalidSubscriptionId(string value) =>
        new(400, "InvalidSubscriptionId",
            $"The provided subscription identifier '{value}' is malformed or invalid. Use a GUID such as 3b55f041-58d7-4307-b59a-c390da3fb077.");

    public static ArmError MethodNotAllowed(string method, string target, string allowed) =>
        new(405, "MethodNotAllowed", $"The method '{method}' is not supported on '{target}'. Use {allowed}.");

    public static ArmError ReadOnlyApi(string method) =>
        new(405, "MethodNotAllowed", $"The method '{method}' is not supported because this API was started without write access to the cloud side; use GET.");

    public static ArmError InvalidRequestContent(string message) => new(400, "InvalidRequestContent", message);

    public static ArmError RequestTooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"The request body is larger than {limit} bytes. Send only the properties to change.");

    public static ArmError ReadStoreUnavailable(int retryAfterSeconds) =>
        new(503, "ServiceUnavailable",
            $"The read store is unavailable, so the request could not be served. Retry after {retryAfterSeconds} seconds; "
            + "if the error persists, check the read store's database (the server log names the error).");

    public static ArmError SubscriptionNotRegistered(string subscriptionId, string providerNamespace) =>
        new(409, "MissingSubscriptionRegistration",
            $"The subscription '{subscriptionId}' is not registered to use namespace '{providerNamespace}'. "
            + $"Register it with POST /subscriptions/{subscriptionId}/providers/{providerNamespace}/register?api-version=2024-01-01.");
}
