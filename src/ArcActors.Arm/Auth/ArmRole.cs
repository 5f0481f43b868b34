namespace ArcActors.Arm.Auth;

/// <summary>
/// A built-in role: its name and the ARM action patterns it grants. A pattern matches an action case-insensitively,
/// and each <c>*</c> in it matches any run of characters, so <c>*/read</c> matches every read action and <c>*</c> matches all.
/// </summary>
public sealed record ArmRole(string Name, IReadOnlyList<string> Actions)
{
    /// <summary>True when one of the role's patterns matches <paramref name="action"/>.</summary>
    public bool Allows(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Actions.Any(pattern => Matches(pattern, action));
    }

    // Matches the literal parts between the stars in order: the first must start the action, the last must end it.
    private static bool Matches(string pattern, string action)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, action, StringComparison.OrdinalIgnoreCase);
        }

        if (!action.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = action.IndexOf(parts[i], position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        var last = parts[^1];
        return action.Length - position >= last.Length && action.EndsWith(last, StringComparison.OrdinalIgnoreCase);
    }
}
