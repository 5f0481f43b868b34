using System.Diagnostics;
using System.Text;

namespace ArcActors.Bench;

/// <summary>Writes each line to <paramref name="inner"/> prefixed with the seconds elapsed since this writer was created.</summary>
public sealed class ElapsedLineWriter(TextWriter inner) : TextWriter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\r')
        {
            return;
        }

        if (value != '\n')
        {
            _line.Append(value);
            return;
        }

        inner.WriteLine($"[{_clock.Elapsed.TotalSeconds,7:F1} s] {_line}");
        _line.Clear();
    }
}
