using System.Text.RegularExpressions;
using ArcActors.Sql.Execution;
using Xunit;

namespace ArcActors.Tests.Deployment;

/// <summary>
/// The grants the extension's principal has on a simulated instance, read from the statement text
/// alone and not from the planner's items. Each GRANT, CREATE and ADD MEMBER adds an entry such as
/// "msdb: SELECT ON [dbo].[backupset]", and the matching REVOKE, DROP or DROP MEMBER removes it.
/// </summary>
internal sealed partial class GrantModel(string principal)
{
    private readonly string _quoted = "[" + principal.Replace("]", "]]", StringComparison.Ordinal) + "]";

    public HashSet<string> Held { get; } = new(StringComparer.Ordinal);

    public bool HasLogin => Held.Contains("login");

    public void Apply(SqlStep step)
    {
        // Guarded CREATE and DROP statements put the IF on the first line and the statement on the second.
        var sql = step.Sql.Split('\n')[^1].Trim();
        var (entry, adds) = Interpret(sql, step.Database);
        if (adds)
        {
            Held.Add(entry);
        }
        else
        {
            Held.Remove(entry);
        }
    }

    private (string Entry, bool Adds) Interpret(string sql, string database)
    {
        var match = LoginPattern().Match(sql);
        if (match.Success)
        {
            RequirePrincipal(match.Groups["who"].Value, sql);
            Assert.Equal("master", database);
            return ("login", match.Groups["verb"].Value == "CREATE");
        }

        match = UserPattern().Match(sql);
        if (match.Success)
        {
            RequirePrincipal(match.Groups["who"].Value, sql);
            return ($"{database}: user", match.Groups["verb"].Value == "CREATE");
        }

        match = RolePattern().Match(sql);
        if (match.Success)
        {
            RequirePrincipal(match.Groups["who"].Value, sql);
            var scope = match.Groups["server"].Success ? "server" : database;
            return ($"{scope}: role {match.Groups["role"].Value}", match.Groups["verb"].Value == "ADD");
        }

        match = PermissionPattern().Match(sql);
        if (match.Success)
        {
            RequirePrincipal(match.Groups["who"].Value, sql);
            var target = match.Groups["object"].Success ? $" ON {match.Groups["object"].Value}" : "";
            return ($"{database}: {match.Groups["permission"].Value}{target}", match.Groups["verb"].Value == "GRANT");
        }

        throw new InvalidOperationException($"The grant model cannot read this statement: {sql}");
    }

    private void RequirePrincipal(string quoted, string sql) => Assert.True(quoted == _quoted, $"statement names {quoted}, expected {_quoted}: {sql}");

    [GeneratedRegex(@"^(?<verb>CREATE|DROP) LOGIN (?<who>\[.+?\])( FROM WINDOWS.*)?;$")]
    private static partial Regex LoginPattern();

    [GeneratedRegex(@"^(?<verb>CREATE|DROP) USER (?<who>\[.+?\])( FOR LOGIN .+)?;$")]
    private static partial Regex UserPattern();

    [GeneratedRegex(@"^ALTER (?<server>SERVER )?ROLE \[(?<role>[^\]]+)\] (?<verb>ADD|DROP) MEMBER (?<who>\[.+\]);$")]
    private static partial Regex RolePattern();

    [GeneratedRegex(@"^(?<verb>GRANT|REVOKE) (?<permission>[A-Z]+( [A-Z]+)*)( ON OBJECT::(?<object>\[[^\]]+\]\.\[[^\]]+\]))? (TO|FROM) (?<who>\[.+\]);$")]
    private static partial Regex PermissionPattern();
}
