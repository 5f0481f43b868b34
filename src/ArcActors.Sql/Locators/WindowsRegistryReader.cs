using System.Globalization;
using System.Runtime.Versioning;
using Microsoft.Win32;

namespace ArcActors.Sql.Locators;

/// <summary>Reads HKEY_LOCAL_MACHINE through Microsoft.Win32.Registry in one registry view.</summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsRegistryReader : IRegistryReader
{
    private readonly RegistryView _view;

    /// <param name="view">Registry64 finds 64-bit instances; a 32-bit instance on 64-bit Windows is only in Registry32.</param>
    /// <exception cref="PlatformNotSupportedException">The process does not run on Windows.</exception>
    public WindowsRegistryReader(RegistryView view = RegistryView.Registry64)
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("WindowsRegistryReader reads the Windows registry; use LinuxInstanceLocator on Linux.");
        }

        _view = view;
    }

    public IReadOnlyList<string> ValueNames(string keyPath)
    {
        using var key = Open(keyPath);
        return key?.GetValueNames() ?? [];
    }

    public IReadOnlyList<string> SubKeyNames(string keyPath)
    {
        using var key = Open(keyPath);
        return key?.GetSubKeyNames() ?? [];
    }

    public string? ReadString(string keyPath, string valueName)
    {
        using var key = Open(keyPath);
        var value = key?.GetValue(valueName);
        return value switch
        {
            null => null,
            string text => text,
            string[] lines => string.Join(",", lines),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    private RegistryKey? Open(string keyPath)
    {
        using var root = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, _view);
        return root.OpenSubKey(keyPath, writable: false);
    }
}
