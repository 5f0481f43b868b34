using System.Text;

namespace ArcActors.Host.Agent;

/// <summary>
/// Builds actor names from SQL Server names, which may hold characters actor paths do not allow
/// (spaces, quotes, brackets, any Unicode). The readable part is kept for logs; a counter keeps
/// names unique when two SQL names map to the same text.
/// </summary>
internal static class ActorNames
{
    private static long _counter;

    public static string Unique(string prefix, string sqlName)
    {
        var readable = new StringBuilder(prefix.Length + sqlName.Length + 8).Append(prefix).Append('-');
        foreach (var c in sqlName.Take(40))
        {
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return readable.Append('-').Append(Interlocked.Increment(ref _counter)).ToString();
    }
}
