namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>
/// A node of a parsed fleet file: a map, a list or a scalar, with the line it starts on. This small
/// tree replaces YamlDotNet's representation model, which took 600 MB of memory for a 35 MiB fleet
/// file of 1,000 hosts.
/// </summary>
internal abstract class YamlTreeNode(int line)
{
    public int Line { get; } = line;
}

/// <summary>A scalar. <see cref="Plain"/> is false for quoted and block scalars, whose text is never null.</summary>
internal sealed class YamlTreeScalar(int line, string value, bool plain) : YamlTreeNode(line)
{
    public string Value { get; } = value;
    public bool Plain { get; } = plain;
}

/// <summary>A list, its items in file order.</summary>
internal sealed class YamlTreeList(int line) : YamlTreeNode(line)
{
    public List<YamlTreeNode> Items { get; } = [];
}

/// <summary>A map, its entries in file order. The loader rejects a scalar key given twice.</summary>
internal sealed class YamlTreeMap(int line) : YamlTreeNode(line)
{
    public List<KeyValuePair<YamlTreeNode, YamlTreeNode>> Entries { get; } = [];
}
