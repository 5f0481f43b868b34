namespace ArcActors.Contracts.Inventory;

/// <summary>Decides from SMBIOS manufacturer and model whether an OS environment is a virtual machine.</summary>
public static class HypervisorDetection
{
    private static readonly string[] Markers =
    [
        "vmware", "qemu", "kvm", "xen", "virtual machine", "virtualbox", "amazon ec2", "google compute engine",
        "openstack", "nutanix", "ahv", "parallels", "bochs", "hvm domu",
    ];

    public static bool IsVirtualMachine(string manufacturer, string model)
    {
        var text = $"{manufacturer} {model}".ToLowerInvariant();
        return Markers.Any(text.Contains);
    }
}
