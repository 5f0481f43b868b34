using ArcActors.Sql.Backups;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class BackupFileNameTests
{
    private static readonly DateTime At = new(2025, 12, 31, 23, 59, 58, DateTimeKind.Utc);

    [Theory]
    [InlineData(BackupKind.Full, "Sales_FULL_20251231235958.bak")]
    [InlineData(BackupKind.Differential, "Sales_DIFF_20251231235958.dif")]
    [InlineData(BackupKind.Log, "Sales_LOG_20251231235958.trn")]
    public void BackupFileName_KindAndUtcStamp(BackupKind kind, string expected)
    {
        Assert.Equal(expected, BackupFileName.For("Sales", kind, At));
    }

    [Fact]
    public void BackupFileName_CleanUnicodeNameIsKept()
    {
        Assert.Equal("αβγ ΔΕ 🚀", BackupFileName.SafeDatabasePart("αβγ ΔΕ 🚀"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("a\\b")]
    [InlineData("a*b?c\"d<e>f|g")]
    [InlineData("new\nline")]
    [InlineData("a~b")]
    public void BackupFileName_InvalidCharactersReplacedAndHashed(string database)
    {
        var part = BackupFileName.SafeDatabasePart(database);
        var beforeHash = part[..part.LastIndexOf('~')];

        Assert.DoesNotContain(beforeHash, c => "<>:\"/\\|?*~".Contains(c) || char.IsControl(c));
        Assert.Matches("~[0-9a-f]{12}$", part);
    }

    [Fact]
    public void BackupFileName_ReplacedNamesDoNotCollide()
    {
        Assert.NotEqual(BackupFileName.SafeDatabasePart("a/b"), BackupFileName.SafeDatabasePart("a:b"));
        Assert.NotEqual(BackupFileName.SafeDatabasePart("a/b"), BackupFileName.SafeDatabasePart("a_b"));
    }

    [Fact]
    public void BackupFileName_LongNameIsCutAndHashed()
    {
        var database = new string('x', 128);

        var part = BackupFileName.SafeDatabasePart(database);

        Assert.Equal(BackupFileName.MaxDatabasePartLength + 13, part.Length);
        Assert.NotEqual(part, BackupFileName.SafeDatabasePart(new string('x', 127) + "y"));
    }

    [Fact]
    public void BackupFileName_LocalTimeIsRejected()
    {
        var local = new DateTime(2025, 3, 30, 2, 30, 0, DateTimeKind.Local);

        var error = Assert.Throws<ArgumentException>(() => BackupFileName.For("Sales", BackupKind.Full, local));

        Assert.Contains("UTC", error.Message);
    }

    [Theory]
    [InlineData(@"D:\Backup", @"D:\Backup\f.bak")]
    [InlineData(@"D:\Backup\", @"D:\Backup\f.bak")]
    [InlineData("/var/opt/mssql/data", "/var/opt/mssql/data/f.bak")]
    [InlineData("/var/opt/mssql/data/", "/var/opt/mssql/data/f.bak")]
    [InlineData(@"\\server\share\sql", @"\\server\share\sql\f.bak")]
    public void BackupFileName_CombineUsesFolderSeparator(string folder, string expected)
    {
        Assert.Equal(expected, BackupFileName.Combine(folder, "f.bak"));
    }
}
