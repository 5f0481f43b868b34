using System.Globalization;
using System.Text;

namespace ArcActors.Arm.ActivityLog;

/// <summary>
/// Parses the <c>$filter</c> of an activity log list: clauses of the form <c>field op 'value'</c> joined by
/// <c>and</c>, as Azure Monitor accepts them (api-version 2015-04-01). A quote inside a value is written twice.
/// <c>eventTimestamp ge</c> is required, <c>eventTimestamp le</c> defaults to the time of the request, and the
/// range may span at most <see cref="MaxRange"/>. <c>resourceUri eq</c> or <c>resourceGroupName eq</c> narrows the
/// entries, and <c>eventChannels eq</c> lists channels. Other fields, operators and <c>or</c> are rejected.
/// </summary>
internal static class ActivityLogFilterParser
{
    public const string ErrorCode = "InvalidFilterInQueryString";

    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(90);

    public const string Example =
        "eventTimestamp ge '2026-11-30T00:00:00Z' and eventTimestamp le '2026-12-01T00:00:00Z' "
        + "and resourceUri eq '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureArcData/sqlServerInstances/{instance}'";

    private static readonly string[] SupportedFields = ["eventTimestamp", "resourceUri", "resourceGroupName", "eventChannels"];

    /// <summary>Parses <paramref name="filter"/>. <paramref name="now"/> ends the range when the filter has no <c>eventTimestamp le</c>.</summary>
    public static ActivityLogFilterResult Parse(string? filter, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return Invalid("The $filter query parameter is required and must contain \"eventTimestamp ge '<start time>'\".");
        }

        var clauses = new List<Clause>();
        var scanner = new Scanner(filter);
        while (true)
        {
            var clause = scanner.ReadClause(out var error);
            if (clause is null)
            {
                return Invalid(error!);
            }

            clauses.Add(clause);
            if (scanner.AtEnd)
            {
                break;
            }

            if (!scanner.ReadAnd(out error))
            {
                return Invalid(error!);
            }
        }

        return Build(clauses, now);
    }

    private static ActivityLogFilterResult Build(List<Clause> clauses, DateTimeOffset now)
    {
        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        string? resourceUri = null;
        string? resourceGroupName = null;
        string? channels = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var clause in clauses)
        {
            var key = $"{clause.Field} {clause.Operator}";
            if (!seen.Add(key))
            {
                return Invalid($"The clause '{clause.Text}' repeats '{key}'; give each condition once.");
            }

            var error = clause.Field.ToLowerInvariant() switch
            {
                "eventtimestamp" => ReadTimestamp(clause, ref from, ref to),
                "resourceuri" => ReadEquals(clause, ref resourceUri, ValidateResourceUri),
                "resourcegroupname" => ReadEquals(clause, ref resourceGroupName, null),
                "eventchannels" => ReadEquals(clause, ref channels, null),
                _ => $"The field '{clause.Field}' in '{clause.Text}' is not supported. Supported fields are: {string.Join(", ", SupportedFields)}.",
            };
            if (error is not null)
            {
                return Invalid(error);
            }
        }

        return Check(from, to ?? now, to is null, resourceUri, resourceGroupName, channels);
    }

    private static ActivityLogFilterResult Check(
        DateTimeOffset? from,
        DateTimeOffset to,
        bool toIsNow,
        string? resourceUri,
        string? resourceGroupName,
        string? channels)
    {
        if (from is null)
        {
            return Invalid("The $filter must contain \"eventTimestamp ge '<start time>'\".");
        }

        if (resourceUri is not null && resourceGroupName is not null)
        {
            return Invalid("The $filter may contain resourceUri or resourceGroupName, not both.");
        }

        var end = toIsNow ? "the time of the request" : "eventTimestamp le";
        if (to < from)
        {
            return Invalid($"The start time '{Format(from.Value)}' is after the end time '{Format(to)}' ({end}).");
        }

        if (to - from > MaxRange)
        {
            return Invalid(
                $"The time range from '{Format(from.Value)}' to '{Format(to)}' ({end}) spans more than {MaxRange.TotalDays:0} days; "
                + "narrow it with eventTimestamp ge and eventTimestamp le.");
        }

        return new ActivityLogFilterResult.Valid(new ActivityLogFilter(from.Value, to, resourceUri, resourceGroupName, channels));
    }

    private static string? ReadTimestamp(Clause clause, ref DateTimeOffset? from, ref DateTimeOffset? to)
    {
        var isStart = string.Equals(clause.Operator, "ge", StringComparison.OrdinalIgnoreCase);
        var isEnd = string.Equals(clause.Operator, "le", StringComparison.OrdinalIgnoreCase);
        if (!isStart && !isEnd)
        {
            return $"The operator '{clause.Operator}' in '{clause.Text}' is not supported for eventTimestamp; use ge for the start and le for the end.";
        }

        if (!DateTimeOffset.TryParse(clause.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return $"The time '{clause.Value}' in '{clause.Text}' is not a valid ISO 8601 time, such as '2026-11-30T00:00:00Z'.";
        }

        if (isStart)
        {
            from = time;
        }
        else
        {
            to = time;
        }

        return null;
    }

    private static string? ReadEquals(Clause clause, ref string? target, Func<Clause, string?>? validate)
    {
        if (!string.Equals(clause.Operator, "eq", StringComparison.OrdinalIgnoreCase))
        {
            return $"The operator '{clause.Operator}' in '{clause.Text}' is not supported for {clause.Field}; use eq.";
        }

        if (string.IsNullOrWhiteSpace(clause.Value))
        {
            return $"The value in '{clause.Text}' is empty; give the {clause.Field} to match.";
        }

        var error = validate?.Invoke(clause);
        if (error is null)
        {
            target = clause.Value;
        }

        return error;
    }

    private static string? ValidateResourceUri(Clause clause) =>
        clause.Value.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The resourceUri '{clause.Value}' in '{clause.Text}' is not a resource id; it must start with '/subscriptions/'.";

    private static string Format(DateTimeOffset time) => ReadModel.ArmTime.Format(time);

    private static ActivityLogFilterResult.Invalid Invalid(string problem) =>
        new(ErrorCode, $"The $filter is invalid. {problem} A valid filter: \"{Example}\".");

    private sealed record Clause(string Field, string Operator, string Value, string Text);

    /// <summary>Reads clauses and the <c>and</c> between them, left to right.</summary>
    private sealed class Scanner(string text)
    {
        private int _position;

        public bool AtEnd
        {
            get
            {
                SkipSpaces();
                return _position >= text.Length;
            }
        }

        public Clause? ReadClause(out string? error)
        {
            SkipSpaces();
            var start = _position;
            var field = ReadWord();
            var op = ReadWord();
            if (field.Length == 0 || op.Length == 0)
            {
                error = $"Expected a condition such as \"eventTimestamp ge '<time>'\" at '{Rest(start)}'.";
                return null;
            }

            SkipSpaces();
            var value = ReadQuoted();
            if (value is null)
            {
                error = $"Expected a value in single quotes after '{field} {op}' at '{Rest(start)}'.";
                return null;
            }

            error = null;
            return new Clause(field, op, value, text[start.._position]);
        }

        public bool ReadAnd(out string? error)
        {
            SkipSpaces();
            var start = _position;
            var word = ReadWord();
            var followedBySpace = _position < text.Length && char.IsWhiteSpace(text[_position]);
            if (string.Equals(word, "and", StringComparison.OrdinalIgnoreCase) && followedBySpace)
            {
                error = null;
                return true;
            }

            error = string.Equals(word, "or", StringComparison.OrdinalIgnoreCase)
                ? $"'or' at '{Rest(start)}' is not supported; join conditions with 'and'."
                : $"Expected 'and' between conditions at '{Rest(start)}'.";
            return false;
        }

        private string ReadWord()
        {
            SkipSpaces();
            var start = _position;
            while (_position < text.Length && char.IsAsciiLetterOrDigit(text[_position]))
            {
                _position++;
            }

            return text[start.._position];
        }

        // Reads 'value', where '' stands for one quote, and returns null when the quotes are missing or unclosed.
        private string? ReadQuoted()
        {
            if (_position >= text.Length || text[_position] != '\'')
            {
                return null;
            }

            var value = new StringBuilder();
            var position = _position + 1;
            while (position < text.Length)
            {
                if (text[position] != '\'')
                {
                    value.Append(text[position++]);
                    continue;
                }

                if (position + 1 < text.Length && text[position + 1] == '\'')
                {
                    value.Append('\'');
                    position += 2;
                    continue;
                }

                _position = position + 1;
                return value.ToString();
            }

            return null;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private string Rest(int start)
        {
            var rest = text[start..];
            return rest.Length <= 60 ? rest : rest[..60] + "…";
        }
    }
}
