using System.Diagnostics;
using System.Text;
using ArcActors.Simulation.Fleets;
using static ArcActors.Simulation.Tests.TestFleets;

namespace ArcActors.Simulation.Tests;

/// <summary>Bad input found by a new-user review: each must end in a <see cref="FleetFileException"/> that names the line and the value.</summary>
public sealed class FleetFileHardeningTests
{
    private static void AssertRejected(FleetFileException error, int line, string value)
    {
        Assert.IsType<FleetFileException>(error);
        Assert.Equal(line, error.Line);
        Assert.Equal(Shown(value), error.Value);
        Assert.Contains(Shown(value), error.Message);
        Assert.StartsWith($"test.yaml:{line}: ", error.Message);
    }

    // Messages show control characters as \uXXXX escapes.
    private static string Shown(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private static string WithHost(string hostLines) => Minimal().Replace("    logicalProcessors: 4\n", hostLines);

    [Fact]
    public void FleetFile_UnclosedFlowListBeforeKeyLine()
    {
        var text = Minimal("a: [b", "c:");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "a: [b"), "a: [b");
        Assert.Contains("close each '[' with ']'", error.Fix);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void FleetFile_UnclosedFlowListAlone()
    {
        var error = Reject("a: [b\nc:\n");

        AssertRejected(error, 1, "a: [b");
    }

    [Fact]
    public void FleetFile_DeeplyNestedListsRejected()
    {
        var text = new string('[', 200_000);

        var error = Reject(text);

        AssertRejected(error, 1, new string('[', 60) + "…");
        Assert.Contains("64 levels", error.Message);
    }

    [Fact]
    public void FleetFile_NestingDepthNamesLine()
    {
        var text = string.Concat(Enumerable.Range(0, 70).Select(level => $"{new string(' ', level)}k{level}:\n"));

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "k64:"), "k64:");
    }

    [Fact]
    public void FleetFile_AliasBombRejected()
    {
        var lines = new List<string> { "y0: &l0 [lol]" };
        for (var level = 1; level <= 10; level++)
        {
            lines.Add($"y{level}: &l{level} [{string.Join(",", Enumerable.Repeat($"*l{level - 1}", 9))}]");
        }

        lines.Add("? *l10 : boom");
        var text = string.Join("\n", lines) + "\n";

        var error = Reject(text);

        AssertRejected(error, 1, "&l0");
        Assert.Contains("anchors and aliases are not supported in fleet files", error.Message);
        Assert.Equal("write the values out", error.Fix);
    }

    [Fact]
    public void FleetFile_AnchorInValidFleetRejected()
    {
        var text = Minimal().Replace("resourceGroup: rg", "resourceGroup: &group rg");

        AssertRejected(Reject(text), LineOf(text, "&group"), "&group");
    }

    [Theory]
    [InlineData("sql 01")]
    [InlineData("-sql01")]
    [InlineData("sql..01")]
    [InlineData("sql/01")]
    public void FleetFile_InvalidHostName(string name)
    {
        var text = Minimal().Replace("- name: h1", $"- name: \"{name}\"");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, name), name);
        Assert.Contains("host name", error.Message);
    }

    [Fact]
    public void FleetFile_HostNameTooLong()
    {
        var name = new string('h', 254);
        var text = Minimal().Replace("- name: h1", $"- name: {name}");

        var error = Reject(text);

        Assert.Equal(LineOf(text, name), error.Line);
        Assert.Equal(name, error.Value);
        Assert.Contains(name[..40], error.Message);
        Assert.Contains("254 characters", error.Message);
    }

    [Fact]
    public void FleetFile_RenameToInvalidHostName()
    {
        var text = Minimal("timeline:", "  - at: 1h", "    host: h1", "    rename: { to: \"new name\" }");

        AssertRejected(Reject(text), LineOf(text, "rename"), "new name");
    }

    [Fact]
    public void FleetFile_ControlCharacterInInstanceName()
    {
        var text = Minimal().Replace("- name: A", "- name: \"A\\x01\"");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "A\\x01"), "A\u0001");
        Assert.Contains("U+0001", error.Message);
    }

    [Fact]
    public void FleetFile_ControlCharacterInDatabaseName()
    {
        var text = Minimal().Replace("{ name: d1 }", "{ name: \"d\\tx\" }");

        AssertRejected(Reject(text), LineOf(text, "d\\tx"), "d\tx");
    }

    [Fact]
    public void FleetFile_AvailabilityGroupNameTooLong()
    {
        var name = new string('g', 129);
        var text = Minimal("        availabilityGroups:", $"          - {{ name: {name}, role: Primary, databases: [d1] }}");

        var error = Reject(text);

        Assert.Equal(LineOf(text, name), error.Line);
        Assert.Equal(name, error.Value);
        Assert.Contains(name[..40], error.Message);
        Assert.Contains("availability group name", error.Message);
    }

    [Fact]
    public void FleetFile_AddDatabaseWithInvalidName()
    {
        var text = Minimal("timeline:", "  - { at: 1h, host: h1, instance: A, addDatabase: { name: \"new\\x07db\" } }");

        AssertRejected(Reject(text), LineOf(text, "addDatabase"), "new\u0007db");
    }

    [Fact]
    public void FleetFile_AddInstanceWithNameTooLong()
    {
        var name = new string('i', 129);
        var text = Minimal("timeline:", $"  - {{ at: 1h, host: h1, addInstance: {{ name: {name}, edition: Express, version: 16.0.1000.6 }} }}");

        var error = Reject(text);

        Assert.Equal(LineOf(text, "addInstance"), error.Line);
        Assert.Equal(name, error.Value);
        Assert.Contains(name[..40], error.Message);
        Assert.Contains("instance name", error.Message);
    }

    [Fact]
    public void FleetFile_DatabaseNameTrailingSpacesDuplicate()
    {
        var text = Minimal("          - { name: \"d1  \" }");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "\"d1  \""), "d1");
        Assert.Contains("two databases named 'd1'", error.Message);
    }

    [Fact]
    public void FleetFile_DatabaseNameTrailingSpacesTrimmed()
    {
        var text = Minimal().Replace("{ name: d1 }", "{ name: \"d1   \" }");

        var fleet = FleetFile.Parse(text, "test.yaml");

        Assert.Equal("d1", fleet.Hosts[0].Instances[0].Databases[0].Name);
    }

    [Theory]
    [InlineData("logicalProcessors: 4097", "4097")]
    [InlineData("logicalProcessors: 4096\n    physicalCores: 4097", "4097")]
    public void FleetFile_CoresAboveMaximum(string hostLines, string value)
    {
        var text = WithHost($"    {hostLines}\n");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, value), value);
        Assert.Contains("4096 logical processors per OS environment", error.Message);
    }

    [Fact]
    public void FleetFile_CoresBeyondIntTooLarge()
    {
        var text = WithHost("    logicalProcessors: 99999999999\n");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "99999999999"), "99999999999");
        Assert.Contains("too large", error.Message);
        Assert.DoesNotContain("whole number", error.Message);
    }

    [Fact]
    public void FleetFile_PhysicalCoresAboveLogicalRejected()
    {
        var text = WithHost("    logicalProcessors: 4\n    physicalCores: 64\n");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "physicalCores: 64"), "64");
        Assert.Contains("physicalCores 64 is more than logicalProcessors 4; a core has at least one logical processor", error.Message);
    }

    [Fact]
    public void FleetFile_ChangeSetsPhysicalAboveLogical()
    {
        var text = Minimal("timeline:", "  - at: 1h", "    host: h1", "    change: { logicalProcessors: 2, physicalCores: 8 }");

        AssertRejected(Reject(text), LineOf(text, "change"), "8");
    }

    [Theory]
    [InlineData("9999-12-31T00:00:00Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("2100-01-01T00:00:01Z")]
    public void FleetFile_StartOutsideRange(string start)
    {
        var text = Minimal().Replace("start: 2026-11-30T00:00:00Z", $"start: {start}");

        var error = Reject(text);

        Assert.Equal(LineOf(text, start), error.Line);
        Assert.Contains(start[..19], error.Message);
        Assert.Contains("2000-01-01", error.Message);
    }

    [Fact]
    public void FleetFile_StartAtRangeEdgesAccepted()
    {
        var earliest = FleetFile.Parse(Minimal().Replace("2026-11-30T00:00:00Z", "2000-01-01T00:00:00Z"), "test.yaml");
        var latest = FleetFile.Parse(Minimal().Replace("2026-11-30T00:00:00Z", "2100-01-01T00:00:00Z"), "test.yaml");

        Assert.Equal(2000, earliest.Start.Year);
        Assert.Equal(2100, latest.Start.Year);
    }

    [Theory]
    [InlineData("\u0665h")]
    [InlineData("1d\u0663h")]
    [InlineData("\uff15m")]
    public void FleetFile_NonAsciiDigitsInDuration(string at)
    {
        var text = Minimal("timeline:", "  - host: h1", $"    at: \"{at}\"", "    change: { logicalProcessors: 8 }");

        AssertRejected(Reject(text), LineOf(text, "at:"), at);
    }

    [Fact]
    public void FleetFile_NonAsciiDigitsInTimestamp()
    {
        var text = Minimal().Replace("start: 2026-11-30T00:00:00Z", "start: \"2026-11-30T0\u0665:00:00Z\"");

        AssertRejected(Reject(text), LineOf(text, "start"), "2026-11-30T0\u0665:00:00Z");
    }

    [Fact]
    public void FleetFile_DurationOverMaximum()
    {
        var at = Minimal("timeline:", "  - host: h1", "    at: 99999d", "    change: { logicalProcessors: 8 }");
        var disconnect = Minimal("timeline:", "  - at: 1h", "    host: h1", "    disconnect: { for: 99999d }");

        var atError = Reject(at);
        var disconnectError = Reject(disconnect);

        AssertRejected(atError, LineOf(at, "99999d"), "99999d");
        Assert.Contains("maximum of 36500d", atError.Message);
        Assert.DoesNotContain("neither", atError.Message);
        AssertRejected(disconnectError, LineOf(disconnect, "99999d"), "99999d");
        Assert.Contains("maximum of 36500d", disconnectError.Message);
    }

    [Theory]
    [InlineData("logicalProcessors: [4]", "logicalProcessors: 1")]
    [InlineData("logicalProcessors: 4\n    physicalCores: { a: 1 }", "physicalCores: 1")]
    public void FleetFile_ListWhereNumberExpected(string hostLines, string example)
    {
        var text = WithHost($"    {hostLines}\n");
        var key = example[..example.IndexOf(':')];

        var error = Reject(text);

        Assert.Equal(LineOf(text, key), error.Line);
        Assert.Contains(error.Value, error.Message);
        Assert.Contains(example, error.Fix);
        Assert.DoesNotContain("\"text\"", error.Fix);
    }

    [Fact]
    public void FleetFile_TabOnSecondLine()
    {
        var error = Reject("a: 1\n\tb: 2\n");

        AssertRejected(error, 2, "b: 2");
        Assert.Contains("tab", error.Message);
    }

    [Fact]
    public void FleetFile_TabIndentationInHost()
    {
        var text = Minimal().Replace("    logicalProcessors: 4", "\tlogicalProcessors: 4");

        AssertRejected(Reject(text), LineOf(text, "\tlogicalProcessors"), "logicalProcessors: 4");
    }

    [Fact]
    public void FleetFile_ManyHostsParseInLinearTime()
    {
        var text = new StringBuilder(Minimal());
        for (var number = 2; number <= 40_000; number++)
        {
            text.Append("  - name: h").Append(number).Append("\n    logicalProcessors: 4\n");
        }

        var watch = Stopwatch.StartNew();
        var fleet = FleetFile.Parse(text.ToString(), "test.yaml");
        watch.Stop();

        Assert.Equal(40_000, fleet.Hosts.Count);
        // A loose bound. Pairwise duplicate checks are quadratic and took several times longer for 40,000 hosts.
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void FleetFile_DuplicateHostAmongManyRejected()
    {
        var text = new StringBuilder(Minimal());
        for (var number = 2; number <= 1_000; number++)
        {
            text.Append("  - name: h").Append(number).Append("\n    logicalProcessors: 4\n");
        }

        text.Append("  - name: H500\n    logicalProcessors: 4\n");
        var content = text.ToString();

        AssertRejected(Reject(content), LineOf(content, "- name: H500"), "H500");
    }

    [Fact]
    public void FleetFileLoad_FolderRejected()
    {
        var folder = Directory.CreateTempSubdirectory("fleet-folder-");
        try
        {
            var error = Assert.Throws<FleetFileException>(() => FleetFile.Load(folder.FullName));

            Assert.Equal(0, error.Line);
            Assert.Equal(folder.FullName, error.Value);
            Assert.Contains(folder.FullName, error.Message);
            Assert.Contains("is a folder, not a fleet file", error.Message);
        }
        finally
        {
            folder.Delete();
        }
    }

    [Fact]
    public void FleetFileLoad_FileOverMaximumRejected()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Minimal());
            var size = new FileInfo(path).Length;

            var error = Assert.Throws<FleetFileException>(() => FleetFile.Load(path, maximumBytes: size - 1));

            Assert.Equal(0, error.Line);
            Assert.Equal(path, error.Value);
            Assert.Contains(path, error.Message);
            Assert.Contains("larger than", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FleetFileLoad_EndlessDeviceRejected()
    {
        // NOTE: needs a Unix /dev/zero, like the rest of this project's Linux-only test runs.
        var error = Assert.Throws<FleetFileException>(() => FleetFile.Load("/dev/zero", maximumBytes: 1024 * 1024));

        Assert.Equal(0, error.Line);
        Assert.Equal("/dev/zero", error.Value);
        Assert.Contains("/dev/zero", error.Message);
        Assert.Contains("larger than", error.Message);
    }

    [Fact]
    public void FleetFileLoad_FileAtMaximumAccepted()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Minimal());

            var fleet = FleetFile.Load(path, maximumBytes: new FileInfo(path).Length);

            Assert.Equal("h1", fleet.Hosts[0].Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("resourceGroup: rg", "resourceGroup: \"rg/../../x\"", "rg/../../x")]
    [InlineData("resourceGroup: rg", "resourceGroup: rg\nlocation: \"west europe/x\"", "west europe/x")]
    public void FleetFile_RejectsInvalidScopeNames(string original, string replacement, string value)
    {
        var text = Minimal().Replace(original, replacement);

        var error = Reject(text);

        AssertRejected(error, LineOf(text, value), value);
    }

    [Fact]
    public void FleetFile_EscapesControlCharactersInMessages()
    {
        var text = Minimal().Replace("- name: h1", "- name: \"x\\u001b[31mRED\"");

        var error = Reject(text);

        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("\\u001B", error.Message);
    }

    [Fact]
    public void FleetFile_DuplicateKeyInNestedMapNamesTheKey()
    {
        var text = Minimal().Replace("{ name: d1 }", "{ name: d1, sizeMB: 10, sizeMB: 20 }");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "sizeMB: 20"), "sizeMB");
        Assert.Contains("appears twice", error.Message);
    }

    [Fact]
    public void FleetFile_SecondDocumentRejectedAtItsMarker()
    {
        var text = Minimal("---", "resourceGroup: other");

        var error = Reject(text);

        AssertRejected(error, LineOf(text, "---"), "---");
    }

    [Fact]
    public void FleetFile_QuotedNullIsTextButPlainNullIsAbsent()
    {
        var quoted = Minimal().Replace("resourceGroup: rg", "resourceGroup: rg\nlocation: \"null\"");
        var plain = Minimal().Replace("resourceGroup: rg", "resourceGroup: rg\nlocation: null");

        Assert.Equal("westeurope", FleetFile.Parse(plain, "test.yaml").Location);
        Assert.Equal("null", FleetFile.Parse(quoted, "test.yaml").Location);
    }
}
