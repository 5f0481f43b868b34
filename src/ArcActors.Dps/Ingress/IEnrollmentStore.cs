namespace ArcActors.Dps.Ingress;

/// <summary>
/// Where the cloud side keeps the enrollment keys of host nodes: each key id maps to one machine
/// (vmId) and the SHA-256 hash of the key. The key itself is returned once by <see cref="Enroll"/>
/// and never stored.
/// </summary>
public interface IEnrollmentStore
{
    /// <summary>Where the keys are kept, for messages; never contains a password.</summary>
    string Location { get; }

    /// <summary>
    /// Issues a new random key for machine <paramref name="vmId"/>, stores its hash and returns the
    /// key. Earlier keys of the same machine stop working.
    /// </summary>
    /// <exception cref="IOException">The store cannot be read or written.</exception>
    /// <exception cref="InvalidDataException">The store contains data that is not a valid enrollment store.</exception>
    EnrollmentStore.IssuedKey Enroll(Guid vmId, DateTimeOffset at);

    /// <summary>
    /// Returns the machine enrolled with <paramref name="hostKeyId"/> when <paramref name="key"/> is its
    /// key, or null when the key id is unknown or the key does not match.
    /// </summary>
    /// <exception cref="IOException">The store cannot be read.</exception>
    /// <exception cref="InvalidDataException">The store contains data that is not a valid enrollment store.</exception>
    Guid? Verify(string hostKeyId, string key);
}
