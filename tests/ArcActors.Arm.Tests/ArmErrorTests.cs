using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests;

/// <summary>Checks the ARM error bodies the API returns for bad requests, read with a plain HttpClient.</summary>
public sealed class ArmErrorTests(ArmApiFixture fixture) : IClassFixture<ArmApiFixture>
{
    private static string Code(System.Text.Json.Nodes.JsonObject body) => body["error"]!["code"]!.GetValue<string>();

    private static string Message(System.Text.Json.Nodes.JsonObject body) => body["error"]!["message"]!.GetValue<string>();

    [Fact]
    public async Task ArmApi_MissingApiVersionReturns400()
    {
        var (status, body) = await fixture.GetAsync(InstanceId("SALES"));

        Assert.Equal(400, status);
        Assert.Equal("MissingApiVersionParameter", Code(body));
        Assert.Contains("2024-01-01", Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArmApi_UnknownApiVersionReturns400()
    {
        var (status, body) = await fixture.GetAsync(InstanceId("SALES") + "?api-version=2019-07-24-preview");

        Assert.Equal(400, status);
        Assert.Equal("InvalidApiVersionParameter", Code(body));
        Assert.Contains("2019-07-24-preview", Message(body), StringComparison.Ordinal);
        Assert.Contains("2024-01-01", Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArmApi_UnknownResourceTypeReturns400()
    {
        var (status, body) = await fixture.GetAsync($"{GroupId}/providers/Microsoft.AzureArcData/sqlServerWidgets/x?api-version=2024-01-01");

        Assert.Equal(400, status);
        Assert.Equal("InvalidResourceType", Code(body));
        Assert.Contains("sqlServerWidgets", Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArmApi_UnknownNamespaceReturns400()
    {
        var (status, body) = await fixture.GetAsync($"{GroupId}/providers/Microsoft.Widgets/widgets/x?api-version=2024-01-01");

        Assert.Equal(400, status);
        Assert.Equal("InvalidResourceNamespace", Code(body));
    }

    [Fact]
    public async Task ArmApi_MissingResourceReturns404()
    {
        var id = InstanceId("NOSUCH");

        var (status, body) = await fixture.GetAsync(id + "?api-version=2024-01-01");

        Assert.Equal(404, status);
        Assert.Equal("ResourceNotFound", Code(body));
        Assert.Contains(id, Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArmApi_LicenseReturns404()
    {
        var id = $"{GroupId}/providers/Microsoft.AzureArcData/sqlServerLicenses/license-01";

        var (status, body) = await fixture.GetAsync(id + "?api-version=2026-01-01");

        Assert.Equal(404, status);
        Assert.Equal("ResourceNotFound", Code(body));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("%2E%2E")]
    [InlineData("%2e.")]
    public async Task ArmApi_DotSegmentReturnsInvalidResourceId(string dotSegment)
    {
        var path = $"{GroupId}/providers/Microsoft.AzureArcData/sqlServerInstances/{dotSegment}/x?api-version=2024-01-01";

        var (status, body) = await RawGetAsync(path);

        Assert.Equal(400, status);
        Assert.Contains("\"code\":\"InvalidResourceId\"", body, StringComparison.Ordinal);
        Assert.Contains("'..'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArmApi_OverlongNameReturnsInvalidResourceId()
    {
        var name = new string('a', 261);

        var (status, body) = await fixture.GetAsync($"{GroupId}/providers/Microsoft.AzureArcData/sqlServerInstances/{name}?api-version=2024-01-01");

        Assert.Equal(400, status);
        Assert.Equal("InvalidResourceId", Code(body));
        Assert.Contains("261", Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArmApi_NameOf260CharactersIsAccepted()
    {
        var name = new string('a', 260);

        var (status, body) = await fixture.GetAsync($"{GroupId}/providers/Microsoft.AzureArcData/sqlServerInstances/{name}?api-version=2024-01-01");

        Assert.Equal(404, status);
        Assert.Equal("ResourceNotFound", Code(body));
    }

    [Fact]
    public async Task ArmApi_UnsupportedFilterReturns400()
    {
        var (status, body) = await fixture.GetAsync($"{GroupId}/resources?api-version=2022-09-01&$filter=name eq 'x'");

        Assert.Equal(400, status);
        Assert.Equal("InvalidFilterInQueryString", Code(body));
        Assert.Contains("name eq 'x'", Message(body), StringComparison.Ordinal);
    }

    // HttpClient unescapes %2E and removes dot segments before sending, so this writes the request line by hand.
    private async Task<(int Status, string Body)> RawGetAsync(string pathAndQuery)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, fixture.Api.Port);
        var thumbprint = fixture.Api.CertificateThumbprint;
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
            certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase));
        await tls.AuthenticateAsClientAsync("localhost");

        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{fixture.Api.Port}\r\nConnection: close\r\n\r\n";
        await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(tls);
        var response = await reader.ReadToEndAsync();

        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }
}
