using ArcActors.Simulation.Fleets;
using static ArcActors.Simulation.Tests.TestFleets;

namespace ArcActors.Simulation.Tests;

public sealed class FleetFileRejectTests
{
    private static void AssertRejected(FleetFileException error, int line, string value)
    {
        Assert.Equal("test.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(value, error.Value);
        Assert.StartsWith($"test.yaml:{line}: ", error.Message);
        Assert.Contains("; ", error.Message);
    }

    [Fact]
    public void FleetFile_UnknownTopLevelKey()
    {
        var text = Minimal("colour: blue");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "colour"), "colour");
        Assert.Contains("'colour'", error.Message);
        Assert.Contains("subscriptionId", error.Message);
    }

    [Fact]
    public void FleetFile_UnknownHostKeyListsAllowedKeys()
    {
        var text = Minimal().Replace("    logicalProcessors: 4", "    logicalProcessors: 4\n    cpus: 4");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "cpus"), "cpus");
        Assert.Contains("logicalProcessors", error.Message);
        Assert.Contains("physicalCores", error.Message);
    }

    [Fact]
    public void FleetFile_UnknownDatabaseOptionKey()
    {
        var text = Minimal().Replace("{ name: d1 }", "{ name: d1, options: { autoGrow: true } }");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "autoGrow"), "autoGrow");
        Assert.Contains("pageVerify", error.Message);
    }

    [Fact]
    public void FleetFile_UnknownExtensionKeyAndFeatureFlag()
    {
        var keyText = Minimal().Replace("    logicalProcessors: 4", "    logicalProcessors: 4\n    extension: { licenceType: PAYG }");
        var flagText = Minimal().Replace("    logicalProcessors: 4", "    logicalProcessors: 4\n    extension: { featureFlags: { FastMode: true } }");

        AssertRejected(Reject(keyText), LineOf(keyText, "licenceType"), "licenceType");
        AssertRejected(Reject(flagText), LineOf(flagText, "FastMode"), "FastMode");
    }

    [Fact]
    public void FleetFile_MissingRequiredKeys()
    {
        var noCores = Minimal().Replace("    logicalProcessors: 4\n", "");
        var noEdition = Minimal().Replace("        edition: Standard\n", "");
        var noStart = Minimal().Replace("start: 2026-11-30T00:00:00Z\n", "");

        var coresError = Reject(noCores);
        var editionError = Reject(noEdition);
        var startError = Reject(noStart);

        AssertRejected(coresError, LineOf(noCores, "- name: h1"), "logicalProcessors");
        AssertRejected(editionError, LineOf(noEdition, "- name: A"), "edition");
        AssertRejected(startError, 1, "start");
    }

    [Fact]
    public void FleetFile_WrongTypes()
    {
        var word = Minimal().Replace("logicalProcessors: 4", "logicalProcessors: eight");
        var list = Minimal().Replace("resourceGroup: rg", "resourceGroup: [a, b]");
        var guid = Minimal().Replace("    logicalProcessors: 4", "    logicalProcessors: 4\n    vmId: not-a-guid");
        var flag = Minimal().Replace("{ name: d1 }", "{ name: d1, isReadOnly: maybe }");

        AssertRejected(Reject(word), LineOf(word, "eight"), "eight");
        AssertRejected(Reject(list), LineOf(list, "resourceGroup"), "a list");
        AssertRejected(Reject(guid), LineOf(guid, "not-a-guid"), "not-a-guid");
        AssertRejected(Reject(flag), LineOf(flag, "maybe"), "maybe");
    }

    [Fact]
    public void FleetFile_NegativeCoreCount()
    {
        var text = Minimal().Replace("logicalProcessors: 4", "logicalProcessors: -4");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "logicalProcessors: -4"), "-4");
        Assert.Contains("logicalProcessors", error.Message);
    }

    [Fact]
    public void FleetFile_ZeroAndNegativePhysicalCores()
    {
        var zero = Minimal().Replace("    logicalProcessors: 4", "    logicalProcessors: 4\n    physicalCores: 0");
        var negative = Minimal().Replace("    logicalProcessors: 4", "    logicalProcessors: 4\n    physicalCores: -2");

        AssertRejected(Reject(zero), LineOf(zero, "physicalCores"), "0");
        AssertRejected(Reject(negative), LineOf(negative, "physicalCores"), "-2");
    }

    [Fact]
    public void FleetFile_DuplicateInstanceNameIgnoringCase()
    {
        var text = Minimal("      - name: a", "        edition: Express", "        version: 16.0.1000.6");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "- name: a"), "a");
        Assert.Contains("h1", error.Message);
    }

    [Fact]
    public void FleetFile_HashInInstanceName()
    {
        var text = Minimal().Replace("- name: A", "- name: APP#1");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "APP#1"), "APP#1");
        Assert.Contains("'#'", error.Message);
    }

    [Fact]
    public void FleetFile_DuplicateHostNameIgnoringCase()
    {
        var text = Minimal("  - name: H1", "    logicalProcessors: 2");

        AssertRejected(Reject(text), LineOf(text, "- name: H1"), "H1");
    }

    [Fact]
    public void FleetFile_DuplicateVmId()
    {
        var text = Minimal(
            "  - name: h2",
            "    vmId: c1653f96-ee2d-4c94-98bc-b5ec924825d6",
            "    logicalProcessors: 2",
            "  - name: h3",
            "    vmId: c1653f96-ee2d-4c94-98bc-b5ec924825d6",
            "    logicalProcessors: 2");

        AssertRejected(Reject(text), LineOf(text, "- name: h3"), "c1653f96-ee2d-4c94-98bc-b5ec924825d6");
    }

    [Fact]
    public void FleetFile_DuplicateDatabaseName()
    {
        var text = Minimal("          - { name: D1 }");

        AssertRejected(Reject(text), LineOf(text, "name: D1"), "D1");
    }

    [Theory]
    [InlineData("        edition: Standard", "        edition: Datacenter", "Datacenter")]
    [InlineData("        edition: Standard", "        edition: Business Intelligence", "Business Intelligence")]
    [InlineData("    logicalProcessors: 4", "    logicalProcessors: 4\n    os: macOS", "macOS")]
    [InlineData("    logicalProcessors: 4", "    logicalProcessors: 4\n    extension: { licenseType: Free }", "Free")]
    [InlineData("        edition: Standard", "        edition: Standard\n        state: Paused", "Paused")]
    [InlineData("{ name: d1 }", "{ name: d1, state: Broken }", "Broken")]
    [InlineData("{ name: d1 }", "{ name: d1, recoveryMode: BulkLogged }", "BulkLogged")]
    [InlineData("{ name: d1 }", "{ name: d1, options: { pageVerify: CRC } }", "CRC")]
    public void FleetFile_UnknownEnumeratedValue(string original, string replacement, string value)
    {
        var text = Minimal().Replace(original, replacement);

        var error = Reject(text);

        AssertRejected(error, LineOf(text, value), value);
        Assert.Contains("use one of", error.Message);
    }

    [Theory]
    [InlineData("16")]
    [InlineData("160.0")]
    [InlineData("10.50.6000.34")]
    public void FleetFile_InvalidVersion(string version)
    {
        var text = Minimal().Replace("version: 16.0.4135.4", $"version: \"{version}\"");

        AssertRejected(Reject(text), LineOf(text, "version:"), version);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("14x3")]
    public void FleetFile_InvalidPort(string port)
    {
        var text = Minimal().Replace("        edition: Standard", $"        edition: Standard\n        tcpDynamicPorts: \"{port}\"");

        AssertRejected(Reject(text), LineOf(text, "tcpDynamicPorts"), port);
    }

    [Theory]
    [InlineData("15")]
    [InlineData("17")]
    [InlineData("-16")]
    public void FleetFile_InvalidLicenseCores(string cores)
    {
        var text = Minimal("licenses:", $"  - {{ name: l1, billingPlan: PAYG, physicalCores: {cores}, scopeType: Tenant }}");

        AssertRejected(Reject(text), LineOf(text, "name: l1"), cores);
    }

    [Fact]
    public void FleetFile_UnknownTimelineAction()
    {
        var text = Minimal("timeline:", "  - at: 1h", "    host: h1", "    explode: { now: true }");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "explode"), "explode");
        Assert.Contains("addDatabase", error.Message);
    }

    [Fact]
    public void FleetFile_TwoActionsInOneEvent()
    {
        var text = Minimal("timeline:", "  - at: 1h", "    host: h1", "    change: { logicalProcessors: 8 }", "    rename: { to: h9 }");

        AssertRejected(Reject(text), LineOf(text, "rename"), "rename");
    }

    [Fact]
    public void FleetFile_EventWithoutAction()
    {
        var text = Minimal("timeline:", "  - at: 1h", "    host: h1");

        AssertRejected(Reject(text), LineOf(text, "at: 1h"), "");
    }

    [Fact]
    public void FleetFile_SelectorNamesUnknownHost()
    {
        var text = Minimal("timeline:", "  - at: 1h", "    host: h2", "    change: { logicalProcessors: 8 }");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "at: 1h"), "h2");
        Assert.Contains("2026-11-30T01:00:00Z", error.Message);
    }

    [Fact]
    public void FleetFile_SelectorNamesInstanceNotYetInstalled()
    {
        var text = Minimal(
            "timeline:",
            "  - { at: 2h, host: h1, addInstance: { name: B, edition: Web, version: 16.0.4135.4 } }",
            "  - { at: 1h, host: h1, instance: B, change: { state: Stopped } }");

        AssertRejected(Reject(text), LineOf(text, "at: 1h"), "B");
    }

    [Fact]
    public void FleetFile_SelectorNamesDroppedDatabase()
    {
        var text = Minimal(
            "timeline:",
            "  - { at: 1h, host: h1, instance: A, removeDatabase: { name: d1 } }",
            "  - { at: 2h, host: h1, instance: A, database: d1, change: { state: Offline } }");

        AssertRejected(Reject(text), LineOf(text, "at: 2h"), "d1");
    }

    [Fact]
    public void FleetFile_SelectorUsesNameBeforeRename()
    {
        var text = Minimal(
            "timeline:",
            "  - { at: 1h, host: h1, rename: { to: h1-new } }",
            "  - { at: 2h, host: h1, change: { logicalProcessors: 8 } }");

        AssertRejected(Reject(text), LineOf(text, "at: 2h"), "h1");
    }

    [Fact]
    public void FleetFile_FailoverToHostWithoutReplica()
    {
        var text = Minimal("timeline:", "  - { at: 1h, failover: { availabilityGroup: ag1, to: h1 } }");

        AssertRejected(Reject(text), LineOf(text, "failover"), "ag1");
    }

    [Fact]
    public void FleetFile_ActionWithForbiddenSelector()
    {
        var text = Minimal("timeline:", "  - { at: 1h, host: h1, provider: { name: Microsoft.AzureArcData, state: NotRegistered } }");

        AssertRejected(Reject(text), LineOf(text, "provider"), "h1");
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("h2")]
    [InlineData("90")]
    [InlineData("2026-11-30T05:00:00")]
    [InlineData("2026-11-29T23:00:00Z")]
    public void FleetFile_BadEventTime(string at)
    {
        var text = Minimal("timeline:", "  - host: h1", $"    at: \"{at}\"", "    change: { logicalProcessors: 8 }");

        AssertRejected(Reject(text), LineOf(text, "at:"), at);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("soon")]
    [InlineData("2026-12-01T00:00:00Z")]
    public void FleetFile_BadDisconnectDuration(string duration)
    {
        var text = Minimal("timeline:", "  - at: 1h", "    host: h1", $"    disconnect: {{ for: \"{duration}\" }}");

        AssertRejected(Reject(text), LineOf(text, "disconnect"), duration);
    }

    [Fact]
    public void FleetFile_InvalidYamlNamesLine()
    {
        var text = Minimal().Replace("          - { name: d1 }", "          - { name: d1");

        var error = Reject(text);

        Assert.Equal("test.yaml", error.File);
        Assert.InRange(error.Line, LineOf(text, "name: d1"), LineOf(text, "name: d1") + 1);
    }

    [Fact]
    public void FleetFile_DuplicateYamlKey()
    {
        var text = Minimal().Replace("resourceGroup: rg", "resourceGroup: rg\nresourceGroup: other");

        var error = Reject(text);

        Assert.Equal(LineOf(text, "resourceGroup: other"), error.Line);
    }

    [Fact]
    public void FleetFile_EmptyText()
    {
        var error = Reject("");

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void FleetFile_RejectionWritesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("fleet-reject-");
        try
        {
            var path = Path.Combine(folder.FullName, "bad.yaml");
            var text = Minimal().Replace("logicalProcessors: 4", "logicalProcessors: -4");
            File.WriteAllText(path, text);
            var writtenAt = File.GetLastWriteTimeUtc(path);

            var error = Assert.Throws<FleetFileException>(() => FleetFile.Load(path));

            Assert.Equal(path, error.File);
            Assert.Equal([path], Directory.GetFileSystemEntries(folder.FullName));
            Assert.Equal(text, File.ReadAllText(path));
            Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
