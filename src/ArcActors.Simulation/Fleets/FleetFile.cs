using ArcActors.Simulation.Fleets.Parsing;

namespace ArcActors.Simulation.Fleets;

/// <summary>Reads fleet files. Parsing returns a complete, validated <see cref="Fleet"/> or throws. It never writes.</summary>
public static class FleetFile
{
    /// <summary>Reads and parses the fleet file at <paramref name="path"/>.</summary>
    /// <exception cref="FleetFileException">The file is not a valid fleet file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Fleet Load(string path)
    {
        var text = System.IO.File.ReadAllText(path);
        return Parse(text, path);
    }

    /// <summary>Parses fleet file text. <paramref name="fileName"/> only names the file in error messages.</summary>
    /// <exception cref="FleetFileException">The text is not a valid fleet file.</exception>
    public static Fleet Parse(string text, string fileName) => new FleetParser(fileName).Parse(text);
}
