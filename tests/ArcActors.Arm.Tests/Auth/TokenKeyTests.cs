using ArcActors.Arm.Auth;
using static ArcActors.Arm.Tests.Auth.AuthTestKeys;

namespace ArcActors.Arm.Tests.Auth;

public sealed class TokenKeyTests : IDisposable
{
    private readonly AuthTestKeys _keys = new();

    public void Dispose() => _keys.Dispose();

    [Fact]
    public void TokenKey_CreatedOwnerOnlyWith32Bytes()
    {
        var path = Path.Combine(_keys.Folder, "nested", TokenKey.FileName);

        var key = TokenKey.LoadOrCreate(path);

        Assert.Equal(path, key.FilePath);
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(path).Trim()).Length);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void TokenKey_ReusesExistingKey()
    {
        var clock = new ManualClock(Now);
        var first = _keys.CreateKey();
        var text = File.ReadAllText(first.FilePath);
        var token = ArmTokens.Issue(first, "alice", "Reader", SubscriptionScope, TimeSpan.FromHours(1), clock);

        var second = _keys.CreateKey();

        Assert.Equal(text, File.ReadAllText(second.FilePath));
        Assert.True(ArmTokens.TryValidate(second, token, clock, out _, out _));
    }

    [Fact]
    public void TokenKey_DefaultPathInDataFolder()
    {
        Assert.Equal(Path.Combine(_keys.Folder, "api-token.key"), TokenKey.DefaultPath(_keys.Folder));
    }

    [Fact]
    public void TokenKey_ShortKeyRejected()
    {
        var path = WriteKeyFile(Convert.ToBase64String(new byte[16]));

        var exception = Assert.Throws<TokenKeyException>(() => TokenKey.LoadOrCreate(path));

        Assert.Contains(path, exception.Message);
        Assert.Contains("16-byte key", exception.Message);
        Assert.Contains("at least 32 random bytes", exception.Message);
        Assert.DoesNotContain(Convert.ToBase64String(new byte[16]), exception.Message);
    }

    [Fact]
    public void TokenKey_NonBase64Rejected()
    {
        var path = WriteKeyFile("this is not base64 but a secret!");

        var exception = Assert.Throws<TokenKeyException>(() => TokenKey.Load(path));

        Assert.Contains(path, exception.Message);
        Assert.Contains("not base64", exception.Message);
        Assert.DoesNotContain("secret", exception.Message);
    }

    [Fact]
    public void TokenKey_UnreadableFileRejected()
    {
        // A folder in place of the file cannot be read, even by root.
        var path = Path.Combine(_keys.Folder, "folder.key");
        Directory.CreateDirectory(path);

        var exception = Assert.Throws<TokenKeyException>(() => TokenKey.LoadOrCreate(path));

        Assert.Contains(path, exception.Message);
        Assert.Contains("cannot be read", exception.Message);
    }

    [Fact]
    public void TokenKey_MissingFileRejectedByLoad()
    {
        var path = Path.Combine(_keys.Folder, "missing.key");

        var exception = Assert.Throws<TokenKeyException>(() => TokenKey.Load(path));

        Assert.Contains(path, exception.Message);
        Assert.False(File.Exists(path));
    }

    private string WriteKeyFile(string text)
    {
        Directory.CreateDirectory(_keys.Folder);
        var path = Path.Combine(_keys.Folder, "api-token.key");
        File.WriteAllText(path, text);
        return path;
    }
}
