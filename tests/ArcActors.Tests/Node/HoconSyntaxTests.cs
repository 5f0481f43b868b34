using ArcActors.Node.Runtime;
using Xunit;

namespace ArcActors.Tests.Node;

/// <summary><see cref="HoconSyntax"/>: unclosed braces, brackets and strings, found before Akka.NET's parser reads the text.</summary>
public sealed class HoconSyntaxTests : IDisposable
{
    private readonly string _folder = TestConfig.TempFolder("hocon-syntax");

    [Theory]
    [InlineData("arcactors.node { roles = [dps, data = \"d\", persistence { provider = sqlite } }",
        "'}' at line 1, column 78 does not match the '[' at line 1, column 26; remove it, or close that '[' with ']' before it")]
    [InlineData("arcactors.node {\n  roles = [dps]\n", "'{' at line 1, column 16 is never closed; add the matching '}'")]
    [InlineData("a = [1, 2\n", "'[' at line 1, column 5 is never closed; add the matching ']'")]
    [InlineData("a { b = 1 } }", "'}' at line 1, column 13 closes nothing; remove it or add the matching '{' before it")]
    [InlineData("a = \"unclosed\nb = 1", "the string opened at line 1, column 5 ends with its line; close it with '\"' on that line")]
    [InlineData("a = \"\"\"text", "the string opened at line 1, column 5 is never closed; add the closing '\"\"\"'")]
    [InlineData("a = \"path\\\nb = 1", "the string opened at line 1, column 5 ends with its line; close it with '\"' on that line")]
    [InlineData("a = \"😀😀\" }", "'}' at line 1, column 10 closes nothing; remove it or add the matching '{' before it")]
    public void Check_NamesUnclosedPlace(string text, string expected)
    {
        Assert.Equal(expected, HoconSyntax.Check(text));
    }

    [Theory]
    [InlineData("a = \"x\\\"y [\" # [ in a comment\n")]
    [InlineData("b = \"\"\" [ { \"\"\"\nc = ${?HOME}\n")]
    [InlineData("d = [1, {e = 2}] // ]\ne = \"http://example.net/{x}\"")]
    [InlineData("note = \"\"\"ends with a quote\"\"\"\"\nb = [1]")]
    [InlineData("")]
    public void Check_AcceptsClosedText(string text)
    {
        Assert.Null(HoconSyntax.Check(text));
    }

    [Fact]
    public void Check_DeepNestingRejected()
    {
        var text = "a = " + new string('[', 100_000) + new string(']', 100_000);

        Assert.Equal($"'[' at line 1, column {5 + HoconSyntax.MaxDepth} nests deeper than {HoconSyntax.MaxDepth} levels; a node file needs a few", HoconSyntax.Check(text));
        Assert.Null(HoconSyntax.Check("a = " + new string('[', HoconSyntax.MaxDepth) + new string(']', HoconSyntax.MaxDepth)));
    }

    [Fact]
    public void Check_AcceptsShippedHoconFiles()
    {
        var files = Directory.GetFiles(AkkaConfig.HoconDirectory, "*.conf");

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Null(HoconSyntax.Check(File.ReadAllText(file))));
    }

    [Fact]
    public void NodeConfig_UnclosedNodeFileRejected()
    {
        var nodeFile = Path.Combine(_folder, "dps-1.conf");
        File.WriteAllText(nodeFile, "akka.cluster.seed-nodes = [\"akka.tcp://arcactors@127.0.0.1:4053\"]\narcactors.node { roles = [dps], data = \"d\"\n");

        var error = Assert.Throws<NodeConfigException>(() => NodeConfig.Load(nodeFile, "WARNING"));

        Assert.Equal($"node file {nodeFile} is not valid HOCON: '{{' at line 2, column 16 is never closed; add the matching '}}'.", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
