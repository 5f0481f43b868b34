namespace ArcActors.Arm;

/// <summary>Parses a raw request path into an <see cref="ArmRequest"/>.</summary>
internal static class ArmRequestParser
{
    /// <summary>Longest name segment accepted in a path, in characters.</summary>
    public const int MaxSegmentLength = 260;

    public const string ActivityLogNamespace = "Microsoft.Insights";

    /// <summary>
    /// Parses <paramref name="rawPath"/>, the path as the client sent it before any normalization. Each
    /// segment is unescaped on its own, so <c>%2F</c> stays inside a name and <c>%2E%2E</c> is still caught
    /// as a <c>..</c> segment.
    /// </summary>
    public static ArmRequest Parse(string rawPath)
    {
        var trimmed = rawPath.Trim('/');
        var segments = trimmed.Length == 0 ? [] : trimmed.Split('/').Select(Uri.UnescapeDataString).ToArray();
        var display = "/" + string.Join('/', segments);

        if (segments.Length < 2 || !Is(segments[0], "subscriptions"))
        {
            return new ArmRequest.Invalid(ArmError.RouteNotFound(display));
        }

        var badSegment = FindBadSegment(segments);
        if (badSegment is not null)
        {
            return new ArmRequest.Invalid(ArmError.InvalidResourceId(display, badSegment));
        }

        if (!Guid.TryParseExact(segments[1], "D", out _))
        {
            return new ArmRequest.Invalid(ArmError.InvalidSubscriptionId(segments[1]));
        }

        var subscriptionPrefix = $"/subscriptions/{segments[1]}";
        var rest = segments.AsSpan(2);
        if (rest.Length >= 2 && Is(rest[0], "resourceGroups"))
        {
            return ParseInResourceGroup(display, $"{subscriptionPrefix}/resourceGroups/{rest[1]}", rest[2..].ToArray());
        }

        if (rest.Length == 1 && Is(rest[0], "resources"))
        {
            return new ArmRequest.GenericCollection(subscriptionPrefix + "/resourceGroups/");
        }

        if (rest.Length == 2 && Is(rest[0], "providers"))
        {
            return ParseProvider(segments[1], rest[1]);
        }

        if (rest.Length == 3 && Is(rest[0], "providers") && (Is(rest[2], "register") || Is(rest[2], "unregister")))
        {
            return ParseProvider(segments[1], rest[1]) is ArmRequest.Provider provider
                ? new ArmRequest.ProviderAction(provider.SubscriptionId, provider.Namespace, Is(rest[2], "register"))
                : ParseProvider(segments[1], rest[1]);
        }

        if (rest.Length == 5 && Is(rest[0], "providers") && Is(rest[1], ActivityLogNamespace)
            && Is(rest[2], "eventtypes") && Is(rest[3], "management") && Is(rest[4], "values"))
        {
            return new ArmRequest.ActivityLog(segments[1]);
        }

        if (rest.Length == 3 && Is(rest[0], "providers"))
        {
            return ParseSubscriptionCollection(display, subscriptionPrefix, rest[1], rest[2]);
        }

        return new ArmRequest.Invalid(ArmError.InvalidResourceId(display, "the path matches no supported resource or collection"));
    }

    private static ArmRequest ParseProvider(string subscriptionId, string providerNamespace)
    {
        var known = ArmResourceTypes.FindNamespace(providerNamespace);
        return known is null
            ? new ArmRequest.Invalid(ArmError.InvalidResourceNamespace(providerNamespace))
            : new ArmRequest.Provider(subscriptionId, known);
    }

    private static ArmRequest ParseSubscriptionCollection(string display, string subscriptionPrefix, string providerNamespace, string typePath)
    {
        if (ArmResourceTypes.FindNamespace(providerNamespace) is null)
        {
            return new ArmRequest.Invalid(ArmError.InvalidResourceNamespace(providerNamespace));
        }

        var type = ArmResourceTypes.Find(providerNamespace, typePath);
        if (type is null)
        {
            return new ArmRequest.Invalid(ArmError.InvalidResourceType(providerNamespace, typePath));
        }

        // The ids of every resource group start with this prefix, and the type filter does the rest.
        return type.IsChild
            ? new ArmRequest.Invalid(ArmError.InvalidResourceId(display, $"'{type.TypePath}' can only be listed below its parent resource"))
            : new ArmRequest.Collection(subscriptionPrefix + "/resourceGroups/", type);
    }

    private static ArmRequest ParseInResourceGroup(string display, string groupPrefix, string[] rest)
    {
        if (rest.Length == 1 && Is(rest[0], "resources"))
        {
            return new ArmRequest.GenericCollection(groupPrefix + "/");
        }

        if (rest.Length < 3 || !Is(rest[0], "providers"))
        {
            return new ArmRequest.Invalid(ArmError.InvalidResourceId(display, "the path matches no supported resource or collection"));
        }

        var providerNamespace = rest[1];
        if (ArmResourceTypes.FindNamespace(providerNamespace) is null)
        {
            return new ArmRequest.Invalid(ArmError.InvalidResourceNamespace(providerNamespace));
        }

        if (Jobs.InstanceActions.Parse(groupPrefix, providerNamespace, rest[2..]) is { } instanceAction)
        {
            return instanceAction;
        }

        if (Extensions.MachineRoutes.Parse(groupPrefix, providerNamespace, rest[2..]) is { } machineRoute)
        {
            return machineRoute;
        }

        return ParseTypesAndNames(groupPrefix, providerNamespace, rest[2..]);
    }

    // Walks type/name pairs. Once the type has no child types, the remaining segments form one name,
    // because a database name may contain '/'.
    private static ArmRequest ParseTypesAndNames(string groupPrefix, string providerNamespace, string[] pairs)
    {
        var id = new System.Text.StringBuilder($"{groupPrefix}/providers/{providerNamespace}");
        var typePath = "";

        for (var i = 0; i < pairs.Length; i += 2)
        {
            typePath = typePath.Length == 0 ? pairs[i] : $"{typePath}/{pairs[i]}";
            var type = ArmResourceTypes.Find(providerNamespace, typePath);
            if (type is null)
            {
                return new ArmRequest.Invalid(ArmError.InvalidResourceType(providerNamespace, typePath));
            }

            id.Append('/').Append(pairs[i]);
            if (i + 1 == pairs.Length)
            {
                return new ArmRequest.Collection(id + "/", type);
            }

            if (!ArmResourceTypes.HasChildTypes(providerNamespace, typePath))
            {
                // Only database names may contain '/', as SQL Server allows it; in any other name it would point at another resource.
                var name = string.Join('/', pairs[(i + 1)..]);
                if (name.Contains('/') && type != ArmResourceTypes.Database)
                {
                    return new ArmRequest.Invalid(ArmError.InvalidResourceId($"{id}/{name}", $"the {type.TypePath} name '{name}' contains '/'"));
                }

                id.Append('/').Append(name);
                return new ArmRequest.Resource(id.ToString(), type);
            }

            id.Append('/').Append(pairs[i + 1]);
            if (i + 2 == pairs.Length)
            {
                return new ArmRequest.Resource(id.ToString(), type);
            }
        }

        throw new InvalidOperationException("A type path without segments cannot be parsed.");
    }

    private static string? FindBadSegment(string[] segments)
    {
        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                return "it contains an empty segment";
            }

            if (segment is "." or "..")
            {
                return $"the segment '{segment}' is not allowed in a resource id";
            }

            if (segment.Length > MaxSegmentLength)
            {
                return $"a segment is {segment.Length} characters long, more than the maximum of {MaxSegmentLength}";
            }
        }

        return null;
    }

    private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
}
