using System.Text;

namespace ArcActors.Node.Commands;

/// <summary>
/// A command-line value as an error message quotes it: control characters escaped as \uXXXX, so that a
/// value cannot move the cursor or color the terminal, and at most <see cref="MaxLength"/> characters.
/// </summary>
public static class ShownValue
{
    public const int MaxLength = 100;

    public static string Of(string text)
    {
        var escaped = new StringBuilder();
        foreach (var character in text.Length > MaxLength ? text[..MaxLength] : text)
        {
            escaped.Append(char.IsControl(character) ? $"\\u{(int)character:X4}" : character);
        }

        return text.Length > MaxLength ? $"{escaped}... ({text.Length} characters)" : escaped.ToString();
    }
}
