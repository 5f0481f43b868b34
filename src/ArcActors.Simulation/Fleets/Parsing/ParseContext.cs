
namespace ArcActors.Simulation.Fleets.Parsing;

/// <summary>The file being parsed, for building errors that name it and a line.</summary>
internal sealed class ParseContext(string fileName)
{
    public string FileName => fileName;

    public FleetFileException Error(YamlTreeNode node, string value, string problem, string fix) =>
        new(fileName, LineOf(node), value, problem, fix);

    public FleetFileException Error(int line, string value, string problem, string fix) =>
        new(fileName, line, value, problem, fix);

    public static int LineOf(YamlTreeNode node) => node.Line;
}
