using System.Text;
using ArcActors.Contracts;
using ArcActors.Simulation.Fleets;
using static ArcActors.Simulation.Tests.TestFleets;

namespace ArcActors.Simulation.Tests;

/// <summary>Fleet files from a second new-user review: shared resource names, instance name rules, encodings, escapes and null keys.</summary>
public sealed class FleetFileReviewTests
{
    private static string TwoHosts(string secondHostName, string secondInstanceName, params string[] more) => Minimal(new[]
    {
        $"  - name: {secondHostName}",
        "    logicalProcessors: 4",
        "    instances:",
        $"      - {{ name: {secondInstanceName}, edition: Standard, version: 16.0.4135.4 }}",
    }.Concat(more).ToArray());

    private static string WithLines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static string TempFile(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fleet-review-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, content);
        return path;
    }

    [Theory]
    [InlineData("h1_A")]
    [InlineData("H1_a")]
    public void FleetFile_InstancesSharingResourceNameRejected(string hostName)
    {
        var text = TwoHosts(hostName, "MSSQLSERVER");

        var error = Reject(text);

        Assert.Equal(LineOf(text, "name: MSSQLSERVER"), error.Line);
        Assert.Equal("MSSQLSERVER", error.Value);
        Assert.Contains($"host '{hostName}'", error.Message);
        Assert.Contains("instance 'A' of host 'h1'", error.Message);
        Assert.Contains("resource name", error.Message);
        Assert.Contains("rename one of the two hosts or instances", error.Message);
    }

    [Fact]
    public void FleetFile_DistinctResourceNamesAccepted()
    {
        var fleet = FleetFile.Parse(TwoHosts("h1_B", "MSSQLSERVER"), "test.yaml");

        Assert.Equal(2, fleet.Hosts.Count);
    }

    [Fact]
    public void FleetFile_AddInstanceSharingResourceNameRejected()
    {
        var text = TwoHosts("h1_X", "MSSQLSERVER", "timeline:", "  - { at: 2h, host: h1, addInstance: { name: X, edition: Express, version: 16.0.1000.6 } }");

        var error = Reject(text);

        Assert.Equal(LineOf(text, "addInstance"), error.Line);
        Assert.Contains("'h1_X'", error.Message);
        Assert.Contains("after the event at 2026-11-30T02:00:00Z", error.Message);
    }

    [Fact]
    public void FleetFile_RenameSharingResourceNameRejected()
    {
        var text = TwoHosts("h2", "MSSQLSERVER", "timeline:", "  - { at: 1h, host: h2, rename: { to: h1_A } }");

        var error = Reject(text);

        Assert.Equal(LineOf(text, "rename"), error.Line);
        Assert.Contains("'h1_A'", error.Message);
    }

    [Theory]
    [InlineData("H/R", "'/'")]
    [InlineData("SALES/databases", "'/'")]
    [InlineData("A B", "U+0020")]
    [InlineData("A,B", "','")]
    [InlineData("A:B", "':'")]
    [InlineData("A;B", "';'")]
    [InlineData("A'B", "'''")]
    [InlineData("A&B", "'&'")]
    [InlineData("A@B", "'@'")]
    [InlineData("A\\B", "'\\'")]
    [InlineData("A-B", "'-'")]
    [InlineData("1SALES", "starts with '1'")]
    [InlineData("_SALES", "starts with '_'")]
    [InlineData("SALES_", "ends with '_'")]
    [InlineData("ABCDEFGHIJKLMNOPQ", "has 17 characters")]
    public void NameRules_InvalidInstanceNames(string name, string expected)
    {
        var error = NameRules.SqlNameError("instance", name);

        Assert.NotNull(error);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("MSSQLSERVER")]
    [InlineData("SQL$1")]
    [InlineData("A_B")]
    [InlineData("人事")]
    [InlineData("ABCDEFGHIJKLMNOP")]
    public void NameRules_ValidInstanceNames(string name)
    {
        Assert.Null(NameRules.SqlNameError("instance", name));
    }

    [Fact]
    public void NameRules_NumberSignKeepsArcMessage()
    {
        Assert.Contains("Azure Arc does not support", NameRules.SqlNameError("instance", "H#R"));
    }

    [Fact]
    public void NameRules_SlashAllowedInDatabaseNames()
    {
        Assert.Null(NameRules.SqlNameError("database", "to/ols"));
    }

    [Fact]
    public void FleetFile_SlashInInstanceNameRejectedAtLine()
    {
        var text = Minimal().Replace("- name: A", "- name: \"H/R\"");

        var error = Reject(text);

        Assert.Equal(LineOf(text, "H/R"), error.Line);
        Assert.Contains("contains '/'", error.Message);
    }

    [Fact]
    public void NameRules_InstanceResourceNameMatchesDefaultRule()
    {
        Assert.Equal("app", NameRules.InstanceResourceName("app", "mssqlserver"));
        Assert.Equal("app_SALES", NameRules.InstanceResourceName("app", "SALES"));
    }

    [Fact]
    public void NameRules_EmojiInHostNameShownWhole()
    {
        var error = NameRules.HostNameError("dev-🚀-03");

        Assert.NotNull(error);
        Assert.Contains("contains '🚀'", error);
        Assert.Equal(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(error)), error);
    }

    [Fact]
    public void NameRules_ShortenKeepsSurrogatePairs()
    {
        var name = string.Concat(Enumerable.Repeat("🚀", 200));

        var error = NameRules.SqlNameError("database", name);

        Assert.NotNull(error);
        Assert.Contains(string.Concat(Enumerable.Repeat("🚀", 40)) + "…", error);
        Assert.Equal(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(error)), error);
    }

    [Fact]
    public void FleetFileException_EscapesUnknownKey()
    {
        var text = Minimal("\"bad\\x1b[2Jkey\": 1");

        var error = Reject(text);

        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("bad\\u001B[2Jkey", error.Message);
        Assert.Equal("bad\\u001B[2Jkey", error.Value);
    }

    [Fact]
    public void FleetFileException_EscapesEditionValue()
    {
        var text = Minimal().Replace("edition: Standard", "edition: \"Ex\\x1b]0;pwned\\x07press\"");

        var error = Reject(text);

        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.Contains("Ex\\u001B]0;pwned\\u0007press", error.Message);
        Assert.DoesNotContain(error.Value, char.IsControl);
    }

    [Fact]
    public void FleetFileException_EscapesUnpairedSurrogate()
    {
        var error = new FleetFileException("f.yaml", 3, "a\ud83db", "value 'a\ud83db' is bad", "fix it");

        Assert.Contains("a\\uD83Db", error.Message);
        Assert.Equal("a\\uD83Db", error.Value);
    }

    [Fact]
    public void FleetFile_InvalidUtf8NamesLine()
    {
        var text = Minimal().Replace("{ name: d1 }", "{ name: dXX }");
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = Encoding.UTF8.GetBytes(text[..text.IndexOf("XX", StringComparison.Ordinal)]).Length;
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFE;
        var path = TempFile(bytes);
        try
        {
            var error = Assert.Throws<FleetFileException>(() => FleetFile.Load(path));

            var line = LineOf(text, "dXX");
            Assert.Equal(line, error.Line);
            Assert.Contains($"line {line} is not valid UTF-8; save the fleet file as UTF-8", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FleetFile_Latin1Rejected()
    {
        var text = Minimal().Replace("{ name: d1 }", "{ name: tööls }");
        var path = TempFile(Encoding.Latin1.GetBytes(text));
        try
        {
            var error = Assert.Throws<FleetFileException>(() => FleetFile.Load(path));

            Assert.Equal(LineOf(text, "tööls"), error.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-32le")]
    public void FleetFile_ByteOrderMarkEncodingsRead(string encodingName)
    {
        Encoding encoding = encodingName switch
        {
            "utf-8-bom" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            _ => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
        };
        var text = Minimal().Replace("{ name: d1 }", "{ name: 売上 }");
        var path = TempFile([.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
        try
        {
            var fleet = FleetFile.Load(path);

            Assert.Equal("売上", fleet.Hosts[0].Instances[0].Databases[0].Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FleetFile_NullHostsReportedAtKeyLine()
    {
        var text = WithLines("subscriptionId: 3b55f041-58d7-4307-b59a-c390da3fb077", "resourceGroup: rg", "start: 2026-11-30T00:00:00Z", "hosts: null");

        var error = Reject(text);

        Assert.Equal(4, error.Line);
        Assert.Contains("'hosts' in the fleet file is null; give a value", error.Message);
    }

    [Fact]
    public void FleetFile_NullVersionReportedAtKeyLine()
    {
        var text = Minimal().Replace("version: 16.0.4135.4", "version: ~");

        var error = Reject(text);

        Assert.Equal(LineOf(text, "version: ~"), error.Line);
        Assert.Contains("'version' in instance is null; give a value", error.Message);
    }

    [Fact]
    public void FleetFile_AbsentKeyStillReportedMissing()
    {
        var text = Minimal().Replace("        version: 16.0.4135.4\n", "");

        var error = Reject(text);

        Assert.Contains("instance is missing the required key 'version'", error.Message);
    }

    [Fact]
    public void FleetFile_UnclosedBracketMessageNamesNoLibrary()
    {
        var text = Minimal("a: [b", "c:");

        var error = Reject(text);

        Assert.DoesNotContain("YamlDotNet", error.Message);
        Assert.DoesNotContain("Exception", error.Message);
        Assert.Contains("close each '['", error.Message);
    }

    [Fact]
    public void FleetFile_MaximumSizeIs64MiB()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fleet-review-{Guid.NewGuid():N}.yaml");
        using (var file = File.Create(path))
        {
            file.SetLength(64L * 1024 * 1024 + 1);
        }

        try
        {
            var error = Assert.Throws<FleetFileException>(() => FleetFile.Load(path));

            Assert.Equal(0, error.Line);
            Assert.Contains("64 MiB", error.Message);
            Assert.Contains("split the fleet", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("missing.yaml")]
    [InlineData("no-such-folder/x.yaml")]
    public void FleetFile_MissingFileNamesPathAndFix(string relative)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fleet-review-{Guid.NewGuid():N}", relative);

        var error = Assert.Throws<FleetFileException>(() => FleetFile.Load(path));

        Assert.Contains($"fleet file '{path}' does not exist", error.Message);
        Assert.Contains("--fleet", error.Message);
        Assert.DoesNotContain("Could not find", error.Message);
    }
}
