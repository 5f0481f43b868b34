using System.Text.Encodings.Web;

namespace ArcActors.ReadModel;

/// <summary>
/// A JSON string encoder that escapes only what JSON requires (quote, backslash, control characters)
/// plus unpaired surrogates, so names such as <c>ಠ_ಠ</c>, <c>O'Brien [eu] data</c> or emoji are written
/// as UTF-8 text and not as <c>\u</c> escapes. The built-in relaxed encoder still escapes characters
/// outside the Basic Multilingual Plane.
/// </summary>
internal sealed class JsonTextEncoder : JavaScriptEncoder
{
    public static readonly JsonTextEncoder Instance = new();

    private JsonTextEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\' || IsSurrogate(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (WillEncode(c))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (!WillEncode(unicodeScalar))
        {
            return TryWrite(new System.Text.Rune(unicodeScalar).ToString(), buffer, bufferLength, out numberOfCharactersWritten);
        }

        var escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => $"\\u{unicodeScalar:x4}",
        };
        return TryWrite(escaped, buffer, bufferLength, out numberOfCharactersWritten);
    }

    private static bool IsSurrogate(int value) => value is >= 0xD800 and <= 0xDFFF;

    private static unsafe bool TryWrite(string text, char* buffer, int bufferLength, out int written)
    {
        if (text.Length > bufferLength)
        {
            written = 0;
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            buffer[i] = text[i];
        }

        written = text.Length;
        return true;
    }
}
