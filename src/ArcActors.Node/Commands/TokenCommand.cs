using ArcActors.Arm.Auth;

namespace ArcActors.Node.Commands;

/// <summary>
/// <c>arcactors token</c>: issues a bearer token for the ARM-compatible API and prints only the token,
/// so that a script can capture it. Creates the key file with mode 0600 when it is missing.
/// </summary>
public static class TokenCommand
{
    /// <param name="KeyFile">The key file, or null for <c>api-token.key</c> in <paramref name="DataDirectory"/>.</param>
    /// <summary>Caller names the activity log uses for changes that no API principal made.</summary>
    private static readonly string[] ReservedPrincipals = ["host agent", "fleet file", "anonymous", "arcactors"];

    public sealed record Options(string Principal, string Role, string Scope, string? KeyFile, string DataDirectory, TimeSpan Lifetime);

    /// <exception cref="CommandLineException">The principal, role or scope is invalid.</exception>
    /// <exception cref="TokenKeyException">The key file cannot be created or read, or contains no valid key.</exception>
    public static int Run(Options options, TextWriter output, TimeProvider clock)
    {
        if (ArmRoles.Find(options.Role) is null)
        {
            throw new CommandLineException($"--role '{options.Role}' is not a built-in role; use one of {ArmRoles.NameList}.");
        }

        if (!ArmScope.TryParse(options.Scope, out _, out var scopeError))
        {
            throw new CommandLineException(scopeError);
        }

        var principal = options.Principal.Trim();
        if (principal.Length is 0 or > ArmTokens.MaxPrincipalLength || principal.Any(char.IsControl))
        {
            throw new CommandLineException($"--principal must be 1 to {ArmTokens.MaxPrincipalLength} characters without control characters.");
        }

        if (ReservedPrincipals.Any(reserved => principal.StartsWith(reserved, StringComparison.OrdinalIgnoreCase)))
        {
            throw new CommandLineException($"--principal '{principal}' is reserved, because the activity log names the host agents, "
                + "fleet files and anonymous callers that way; choose another name.");
        }

        // A mistyped --data would otherwise create a new folder and a key the running node does not know.
        if (options.KeyFile is null && !Directory.Exists(options.DataDirectory))
        {
            throw new CommandLineException($"--data {options.DataDirectory} does not exist; give the data folder of the node that serves the API, or --key-file.");
        }

        var key = TokenKey.LoadOrCreate(options.KeyFile ?? TokenKey.DefaultPath(options.DataDirectory));
        var token = ArmTokens.Issue(key, principal, options.Role, options.Scope, options.Lifetime, clock);
        output.WriteLine(token);
        return 0;
    }
}
