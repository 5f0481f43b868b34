using ArcActors.Sql.Backups;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace ArcActors.Sql.Tests;

/// <summary>The msdb queries of the host's automated backup schedule and retention cleanup.</summary>
public sealed class BackupScheduleQueriesTests
{
    [Fact]
    public void BackupStartTimesQuery_Parses() =>
        Assert.IsType<SelectStatement>(TSqlParsing.SingleStatement(BackupStartTimesQuery.Sql));

    [Fact]
    public void AutomatedBackupHistoryQuery_Parses() =>
        Assert.IsType<SelectStatement>(TSqlParsing.SingleStatement(AutomatedBackupHistoryQuery.Sql));

    [Theory]
    [InlineData(-20, -300)]
    [InlineData(0, 0)]
    [InlineData(22, 330)]
    [InlineData(127, 0)]
    public void AutomatedBackupHistoryQuery_TimeZoneInQuarterHours(int timeZone, int expectedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), AutomatedBackupHistoryQuery.TimeZoneOffset(timeZone));

    [Theory]
    [InlineData("D", BackupKind.Full)]
    [InlineData("I", BackupKind.Differential)]
    [InlineData("L", BackupKind.Log)]
    public void BackupStartTimesQuery_KindOfTypeLetter(string letter, BackupKind kind) =>
        Assert.Equal(kind, BackupStartTimesQuery.KindOf(letter));
}
