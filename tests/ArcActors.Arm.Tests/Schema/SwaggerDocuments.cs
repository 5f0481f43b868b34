using System.Collections.Concurrent;
using System.Text.Json;

namespace ArcActors.Arm.Tests.Schema;

/// <summary>
/// Loads swagger 2.0 files below one root folder and resolves their <c>$ref</c>s: local ones such as
/// <c>#/definitions/X</c> and relative file ones such as <c>./common.json#/definitions/X</c>.
/// </summary>
public sealed class SwaggerDocuments(string root)
{
    // In Azure/azure-rest-api-specs the spec files sit five folders below "specification/", beside
    // "specification/common-types/". A local copy keeps common-types/ directly under its root, so a
    // reference that climbs to common-types/ is looked up there.
    private const string CommonTypesFolder = "common-types/";

    private const int MaxReferenceChain = 32;

    private readonly string _root = Path.GetFullPath(root);
    private readonly ConcurrentDictionary<string, JsonDocument> _files = new(StringComparer.Ordinal);

    /// <summary>Returns the definition <paramref name="name"/> of the file at <paramref name="relativePath"/> below the root.</summary>
    public SwaggerSchema Definition(string relativePath, string name) =>
        Resolve(new SwaggerSchema(Path.Combine(_root, relativePath), default), $"#/definitions/{name}");

    /// <summary>Follows <c>$ref</c> until it reaches a schema without one. Sibling keywords of a <c>$ref</c> are ignored, as swagger 2.0 says.</summary>
    public SwaggerSchema Dereference(SwaggerSchema schema)
    {
        var current = schema;
        for (var step = 0; step < MaxReferenceChain; step++)
        {
            var reference = current.GetString("$ref");
            if (reference is null)
            {
                return current;
            }

            current = Resolve(current, reference);
        }

        throw new InvalidDataException($"The $ref chain from {schema.FilePath} is longer than {MaxReferenceChain} steps; check it for a cycle.");
    }

    private SwaggerSchema Resolve(SwaggerSchema from, string reference)
    {
        var hash = reference.IndexOf('#');
        var filePart = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];

        var filePath = filePart.Length == 0 ? from.FilePath : FileOf(from.FilePath, filePart);
        var document = Load(filePath);
        return new SwaggerSchema(filePath, Navigate(document.RootElement, pointer, reference, filePath));
    }

    private string FileOf(string fromFile, string relative)
    {
        var commonTypes = relative.IndexOf(CommonTypesFolder, StringComparison.Ordinal);
        if (commonTypes >= 0 && relative[..commonTypes].Replace("../", "", StringComparison.Ordinal).Length == 0)
        {
            return Path.Combine(_root, relative[commonTypes..]);
        }

        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fromFile)!, relative));
    }

    private JsonDocument Load(string filePath) => _files.GetOrAdd(filePath, path =>
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Swagger file {path} is missing below {_root}; copy it from Azure/azure-rest-api-specs.", path);
        }

        return JsonDocument.Parse(File.ReadAllText(path));
    });

    // Walks a JSON pointer (RFC 6901) such as "/definitions/TrackedResource".
    private static JsonElement Navigate(JsonElement root, string pointer, string reference, string filePath)
    {
        var current = root;
        foreach (var rawToken in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = rawToken.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(token, out current))
            {
                throw new InvalidDataException($"The $ref '{reference}' names '{token}', which {filePath} does not contain.");
            }
        }

        return current;
    }
}
