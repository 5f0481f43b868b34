using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ArcActors.Arm.Auth;
using ArcActors.ReadModel;
using static ArcActors.Arm.Tests.Fixtures;

namespace ArcActors.Arm.Tests.Jobs;

/// <summary>
/// Two APIs over real HTTPS on one read store: one with bearer tokens and the given commands, one read-only
/// (no commands, no tokens). The job and extension fixtures share it.
/// </summary>
internal sealed class ApiPair : IAsyncDisposable
{
    private readonly TokenKey _key;
    private readonly HttpClient _http;
    private readonly HttpClient _readOnlyHttp;

    private ApiPair(TokenKey key, ArmApi api, ArmApi readOnlyApi)
    {
        _key = key;
        Api = api;
        ReadOnlyApi = readOnlyApi;
        _http = new HttpClient(ArmApiFixture.TrustingHandler(api.CertificateThumbprint)) { BaseAddress = api.BaseAddress };
        _readOnlyHttp = new HttpClient(ArmApiFixture.TrustingHandler(readOnlyApi.CertificateThumbprint)) { BaseAddress = readOnlyApi.BaseAddress };
    }

    public ArmApi Api { get; }

    public ArmApi ReadOnlyApi { get; }

    /// <summary>Starts both APIs; the token key lives in <paramref name="folder"/>.</summary>
    public static async Task<ApiPair> StartAsync(ReadStore store, IArmCommands commands, string folder)
    {
        var key = TokenKey.LoadOrCreate(Path.Combine(folder, "api-token.key"));
        var api = ArmApi.Build(new ArmApiOptions
        {
            Store = store,
            DataFolder = folder,
            Authorizer = new ArmAuthorizer(key, TimeProvider.System),
            Commands = commands,
        });
        var readOnlyApi = ArmApi.Build(new ArmApiOptions { Store = store, DataFolder = folder });
        await api.StartAsync();
        await readOnlyApi.StartAsync();
        return new ApiPair(key, api, readOnlyApi);
    }

    /// <summary>Returns the principal name a token for <paramref name="role"/> carries.</summary>
    public static string Principal(string role) => $"{role.ToLowerInvariant()}@example.test";

    /// <summary>
    /// Sends a request with a token for <paramref name="role"/> at <paramref name="scope"/> (the subscription by default) and
    /// returns the status, the parsed body (null when empty) and the Location header. A null <paramref name="body"/> sends no content.
    /// </summary>
    public async Task<JobResponse> SendAsync(HttpMethod method, string pathAndQuery, string role, string? body, string? scope, bool readOnlyApi)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (!readOnlyApi)
        {
            var token = ArmTokens.Issue(_key, Principal(role), role, scope ?? $"/subscriptions/{Scope.SubscriptionId}", TimeSpan.FromHours(1), TimeProvider.System);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await (readOnlyApi ? _readOnlyHttp : _http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new JobResponse((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject(), response.Headers.Location);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _readOnlyHttp.Dispose();
        await Api.DisposeAsync();
        await ReadOnlyApi.DisposeAsync();
    }
}
