namespace ArcActors.Sql.Locators;

/// <summary>
/// Reads keys under HKEY_LOCAL_MACHINE, so tests can feed recorded values on any OS. Key paths are
/// relative to HKLM, such as <c>SOFTWARE\Microsoft\Microsoft SQL Server\Instance Names\SQL</c>.
/// </summary>
public interface IRegistryReader
{
    /// <summary>Returns the value names of a key, or an empty list when the key does not exist.</summary>
    IReadOnlyList<string> ValueNames(string keyPath);

    /// <summary>Returns the subkey names of a key, or an empty list when the key does not exist.</summary>
    IReadOnlyList<string> SubKeyNames(string keyPath);

    /// <summary>Returns a value as text (REG_SZ as is, numbers in invariant form), or null when the key or value does not exist.</summary>
    string? ReadString(string keyPath, string valueName);
}
