using System.Globalization;
using System.Text.RegularExpressions;

namespace ArcActors.Tests.Pipeline;

/// <summary>Reads the billing table of a fleet's expected-results Markdown file.</summary>
public static partial class ExpectedBilling
{
    public sealed record Row(string Host, int FirstHour, int LastHour, string Meter, int Cores, string Instance);

    public static IReadOnlyList<Row> Read(string markdownPath, out int expectedTotal)
    {
        var text = File.ReadAllText(markdownPath);
        expectedTotal = int.Parse(TotalPattern().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var section = text[text.IndexOf("## Billing", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];

        var rows = new List<Row>();
        foreach (var line in section.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
            var hours = HoursPattern().Match(cells[1]);
            if (!hours.Success)
            {
                continue; // the header row
            }

            rows.Add(new Row(cells[0], int.Parse(hours.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(hours.Groups[2].Value, CultureInfo.InvariantCulture), cells[2],
                int.Parse(cells[3], CultureInfo.InvariantCulture), cells[4]));
        }

        return rows;
    }

    [GeneratedRegex(@"(\d+) records")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"^(\d{2})–(\d{2})$")]
    private static partial Regex HoursPattern();
}
