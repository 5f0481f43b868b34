using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class SqlDataSourceDescriptionTests
{
    private const string Password = "S3cr3t!Pa55";

    [Theory]
    [InlineData("Server=tcp:db1,1433;User ID=arc;Password=S3cr3t!Pa55;Encrypt=True")]
    [InlineData("Data Source=db1;Initial Catalog=master;UID=arc;PWD=S3cr3t!Pa55")]
    [InlineData("Server=db1;User Id=arc;Password='S3cr3t!Pa55';Persist Security Info=True")]
    public void SqlDataSourceDescription_LeavesOutPassword(string connectionString)
    {
        var description = SqlDataSourceDescription.Describe(connectionString);

        Assert.DoesNotContain(Password, description);
        Assert.Contains("db1", description);
        Assert.Contains("user 'arc'", description);
    }

    [Fact]
    public void SqlDataSourceDescription_NamesDatabase()
    {
        var description = SqlDataSourceDescription.Describe("Data Source=db1;Initial Catalog=sales;Integrated Security=true");

        Assert.Equal("data source 'db1', database 'sales', integrated security", description);
    }

    [Fact]
    public void SqlDataSourceDescription_InvalidStringHidesText()
    {
        var description = SqlDataSourceDescription.Describe("Server=db1;Password=" + Password + ";Bogus Keyword=1");

        Assert.Equal("an invalid connection string", description);
    }
}
