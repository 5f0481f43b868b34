using ArcActors.Sql.Backups;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>The T-SQL of relay backup jobs: the BACKUP with the job id in its description, and the msdb query that finds it again.</summary>
public sealed class BackupJobStatementTests
{
    private static readonly DateTime At = new(2026, 10, 25, 0, 59, 59, DateTimeKind.Utc);

    [Theory]
    [InlineData(BackupKind.Full, "ArcActors job 9d7b3c1e-2f4a-4b6c-8d9e-0a1b2c3d4e5f")]
    [InlineData(BackupKind.Differential, "O'Brien's job ]; DROP TABLE x; --")]
    [InlineData(BackupKind.Log, "ಠ_ಠ ünïcode")]
    public void BackupDescription_ParsesAndKeepsText(BackupKind kind, string description)
    {
        var statement = BackupStatementBuilder.Build("O'Brien [eu] data", kind, @"D:\Backup", At, compression: true, description: description);

        var parsed = TSqlParsing.SingleStatement(statement.Sql);

        var options = parsed switch
        {
            BackupDatabaseStatement database => database.Options,
            BackupTransactionLogStatement log => log.Options,
            _ => throw new InvalidOperationException($"not a BACKUP statement: {parsed.GetType().Name}"),
        };
        var option = Assert.Single(options, candidate => candidate.OptionKind == BackupOptionKind.Description);
        Assert.Equal(description, Assert.IsType<StringLiteral>(option.Value).Value);
    }

    [Fact]
    public void BackupDescription_LongerThanLimitRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            BackupStatementBuilder.Build("Sales", BackupKind.Full, @"D:\Backup", At, compression: false, description: new string('x', 256)));

        Assert.Contains("255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BackupHistoryQuery_Parses()
    {
        var parsed = TSqlParsing.SingleStatement(BackupHistoryQuery.Sql);

        Assert.IsType<SelectStatement>(parsed);
    }

    [Theory]
    [InlineData(BackupKind.Full, "D")]
    [InlineData(BackupKind.Differential, "I")]
    [InlineData(BackupKind.Log, "L")]
    public void BackupHistoryQuery_TypeLetterMatchesMsdb(BackupKind kind, string letter) =>
        Assert.Equal(letter, BackupHistoryQuery.TypeLetter(kind));
}
