using System.Security.Cryptography;
using System.Text;

namespace ArcActors.Simulation.Fleets;

/// <summary>Name-based UUIDs (RFC 9562 version 5, SHA-1), so the same name always gives the same id.</summary>
public static class NameBasedGuid
{
    /// <summary>The RFC 9562 namespace for DNS names, used for host names.</summary>
    public static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>Namespace of this project's availability group ids (itself a version 5 UUID of "arcactors.availability-group").</summary>
    public static readonly Guid AvailabilityGroupNamespace = Create(DnsNamespace, "arcactors.availability-group");

    /// <summary>Returns the vmId a host gets when its fleet entry names none: a version 5 UUID of the lower-cased host name.</summary>
    public static Guid ForHostName(string hostName) => Create(DnsNamespace, hostName.ToLowerInvariant());

    /// <summary>Returns the id an availability group gets when its fleet entry names none, from its lower-cased name.</summary>
    public static Guid ForAvailabilityGroup(string name) => Create(AvailabilityGroupNamespace, name.ToLowerInvariant());

    /// <summary>Creates a version 5 UUID from a namespace and the UTF-8 bytes of a name.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        var namespaceBytes = namespaceId.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[namespaceBytes.Length + nameBytes.Length];
        namespaceBytes.CopyTo(input, 0);
        nameBytes.CopyTo(input, namespaceBytes.Length);

        var hash = SHA1.HashData(input);
        var uuid = hash.AsSpan(0, 16).ToArray();
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);

        return new Guid(uuid, bigEndian: true);
    }
}
