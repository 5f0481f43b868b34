using ArcActors.Contracts.Inventory;

namespace ArcActors.Sql.Errors;

/// <summary>Sorts SQL Server error numbers into probe outcomes and transient failures.</summary>
public static class SqlErrorClassifier
{
    /// <summary>Login failed for a user.</summary>
    public const int LoginFailed = 18456;

    /// <summary>A command ran longer than its command timeout (also raised for an expired connect timeout).</summary>
    public const int Timeout = -2;

    /// <summary>The transaction was chosen as a deadlock victim.</summary>
    public const int Deadlock = 1205;

    // 229/230: permission denied on an object or column; 262: permission denied in a database;
    // 297: the user has no permission to perform the action; 300: a server permission such as VIEW SERVER
    // STATE was denied (the DMVs raise it); 916: the login cannot access the database.
    private static readonly HashSet<int> PermissionDeniedNumbers = [229, 230, 262, 297, 300, 916];

    // 2 and 53: named pipes or host not found; 40: could not open a connection; 10060: connection
    // attempt timed out; 10061: connection refused; 11001: no such host.
    private static readonly HashSet<int> UnreachableNumbers = [2, 40, 53, 10060, 10061, 11001];

    // 942: the database is offline; 976: an availability database on a secondary that is not
    // readable; 978: a secondary that is readable only through read-intent connections.
    private static readonly HashSet<int> DatabaseNotAccessibleNumbers = [942, 976, 978];

    /// <summary>Returns the probe status for one error number; numbers with no rule of their own give Failed.</summary>
    public static ProbeStatus StatusFor(int errorNumber)
    {
        if (errorNumber == LoginFailed)
        {
            return ProbeStatus.LoginFailed;
        }

        if (PermissionDeniedNumbers.Contains(errorNumber))
        {
            return ProbeStatus.PermissionDenied;
        }

        if (UnreachableNumbers.Contains(errorNumber))
        {
            return ProbeStatus.Unreachable;
        }

        return ProbeStatus.Failed;
    }

    /// <summary>
    /// True for numbers a probe reports as a status instead of throwing: login failures, permission
    /// errors, connection failures, timeouts and deadlocks.
    /// </summary>
    public static bool IsKnown(int errorNumber) =>
        errorNumber is LoginFailed or Timeout or Deadlock
        || PermissionDeniedNumbers.Contains(errorNumber)
        || UnreachableNumbers.Contains(errorNumber)
        || DatabaseNotAccessibleNumbers.Contains(errorNumber);

    /// <summary>
    /// True for errors that stop the reading of one database but not of the others: permission
    /// errors, and databases that are offline or on a secondary replica that refuses reads.
    /// </summary>
    public static bool IsDatabaseAccessError(int errorNumber) =>
        PermissionDeniedNumbers.Contains(errorNumber) || DatabaseNotAccessibleNumbers.Contains(errorNumber);

    /// <summary>True for numbers worth retrying: connection failures, timeouts and deadlocks.</summary>
    public static bool IsTransient(int errorNumber) =>
        errorNumber is Timeout or Deadlock || UnreachableNumbers.Contains(errorNumber);

    /// <summary>
    /// Picks the number that decides the outcome among the errors of one exception: the first known
    /// number, else the first number, else 0 for an empty list.
    /// </summary>
    public static int DecidingNumber(IEnumerable<int> errorNumbers)
    {
        var numbers = errorNumbers.ToList();
        if (numbers.Count == 0)
        {
            return 0;
        }

        foreach (var number in numbers)
        {
            if (IsKnown(number))
            {
                return number;
            }
        }

        return numbers[0];
    }

    /// <summary>Returns the status message for a known error, naming the data source but never its password.</summary>
    public static string MessageFor(int errorNumber, string dataSourceDescription, string errorMessage)
    {
        var status = StatusFor(errorNumber);
        var what = errorNumber switch
        {
            Timeout => "timed out",
            Deadlock => "was chosen as a deadlock victim",
            _ => status switch
            {
                ProbeStatus.LoginFailed => "login failed",
                ProbeStatus.PermissionDenied => "permission denied",
                ProbeStatus.Unreachable => "instance unreachable",
                _ when DatabaseNotAccessibleNumbers.Contains(errorNumber) => "database not accessible",
                _ => "failed",
            },
        };

        return $"{dataSourceDescription}: {what} (SQL error {errorNumber}): {errorMessage}";
    }
}
