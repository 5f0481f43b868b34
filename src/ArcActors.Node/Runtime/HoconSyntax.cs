namespace ArcActors.Node.Runtime;

/// <summary>
/// Checks that the braces, brackets and quoted strings of HOCON text are closed, before Akka.NET's
/// parser reads it. That parser accepts many unclosed ones without an error and reads other settings
/// than the text contains. On an unclosed list that contains an object
/// (<c>roles = [dps, persistence { provider = sqlite } }</c>) it did not return within 5 minutes,
/// and the process grew to 14 GB.
/// </summary>
public static class HoconSyntax
{
    /// <summary>Deepest nesting of braces and brackets accepted. Akka.NET's parser recurses per level, and its stack overflowed on 100,000 nested objects.</summary>
    public const int MaxDepth = 64;

    private readonly record struct Opening(char Symbol, int Line, int Column);

    /// <summary>Returns what is not closed or closed wrongly, with its line and column, or null when every pair is closed.</summary>
    public static string? Check(string text)
    {
        var open = new Stack<Opening>();
        var line = 1;
        var column = 0;
        Opening? quote = null;
        var tripleQuote = false;
        var comment = false;
        for (var index = 0; index < text.Length; index++)
        {
            var symbol = text[index];

            // Columns count characters, so the second half of a surrogate pair (an emoji) adds none.
            if (!char.IsLowSurrogate(symbol))
            {
                column++;
            }

            if (symbol == '\n')
            {
                if (quote is { } single && !tripleQuote)
                {
                    return $"the string opened at line {single.Line}, column {single.Column} ends with its line; close it with '\"' on that line";
                }

                line++;
                column = 0;
                comment = false;
                continue;
            }

            if (comment)
            {
                continue;
            }

            if (quote is not null)
            {
                if (tripleQuote && symbol == '"' && At(text, index, "\"\"\""))
                {
                    // A run of more than three quotes ends the string at its last three; the first ones belong to the value.
                    while (index + 3 < text.Length && text[index + 3] == '"')
                    {
                        index++;
                        column++;
                    }

                    index += 2;
                    column += 2;
                    quote = null;
                }
                else if (!tripleQuote && symbol == '\\' && index + 1 < text.Length && text[index + 1] != '\n')
                {
                    index++;
                    column++;
                }
                else if (!tripleQuote && symbol == '"')
                {
                    quote = null;
                }

                continue;
            }

            switch (symbol)
            {
                case '#':
                    comment = true;
                    break;
                case '/' when At(text, index, "//"):
                    comment = true;
                    break;
                case '"':
                    quote = new Opening('"', line, column);
                    tripleQuote = At(text, index, "\"\"\"");
                    if (tripleQuote)
                    {
                        index += 2;
                        column += 2;
                    }

                    break;
                case '{' or '[':
                    if (open.Count == MaxDepth)
                    {
                        return $"'{symbol}' at line {line}, column {column} nests deeper than {MaxDepth} levels; a node file needs a few";
                    }

                    open.Push(new Opening(symbol, line, column));
                    break;
                case '}' or ']':
                    var error = Close(open, symbol, line, column);
                    if (error is not null)
                    {
                        return error;
                    }

                    break;
            }
        }

        if (quote is { } unclosed)
        {
            return $"the string opened at line {unclosed.Line}, column {unclosed.Column} is never closed; add the closing {(tripleQuote ? "'\"\"\"'" : "'\"'")}";
        }

        return open.TryPeek(out var last)
            ? $"'{last.Symbol}' at line {last.Line}, column {last.Column} is never closed; add the matching '{Partner(last.Symbol)}'"
            : null;
    }

    private static string? Close(Stack<Opening> open, char symbol, int line, int column)
    {
        if (!open.TryPop(out var opening))
        {
            return $"'{symbol}' at line {line}, column {column} closes nothing; remove it or add the matching '{Partner(symbol)}' before it";
        }

        return Partner(opening.Symbol) == symbol
            ? null
            : $"'{symbol}' at line {line}, column {column} does not match the '{opening.Symbol}' at line {opening.Line}, column {opening.Column}; "
                + $"remove it, or close that '{opening.Symbol}' with '{Partner(opening.Symbol)}' before it";
    }

    private static char Partner(char symbol) => symbol switch
    {
        '{' => '}',
        '}' => '{',
        '[' => ']',
        _ => '[',
    };

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
