using System.Net;
using System.Net.Sockets;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// A TDS 7.4 endpoint on 127.0.0.1 for tests: Microsoft.Data.SqlClient connects to it without TLS
/// (the PRELOGIN response is ENCRYPT_NOT_SUP) and logs in. The handler the test registers then
/// replies to each batch or RPC. Every request, login and ATTENTION is recorded, thread-safely.
/// </summary>
public sealed class TdsTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<TdsRequest, TdsReply> _handler;
    private readonly Func<TdsLogin, TdsError?> _loginCheck;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TdsRequest> _requests = [];
    private readonly List<TdsLogin> _logins = [];
    private readonly List<byte?> _clientEncryptions = [];
    private readonly List<Exception> _sessionFailures = [];
    private readonly List<Task> _sessions = [];
    private readonly object _gate = new();
    private readonly Task _acceptLoop;
    private int _attentions;

    private TdsTestServer(Func<TdsRequest, TdsReply> handler, Func<TdsLogin, TdsError?>? loginCheck, Version productVersion)
    {
        _handler = handler;
        _loginCheck = loginCheck ?? (_ => null);
        ProductVersion = productVersion;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Starts listening on a free loopback port. <paramref name="loginCheck"/> returns the error that rejects a login, or null to accept it.</summary>
    public static TdsTestServer Start(
        Func<TdsRequest, TdsReply> handler,
        Func<TdsLogin, TdsError?>? loginCheck = null,
        Version? productVersion = null) =>
        new(handler, loginCheck, productVersion ?? new Version(16, 0, 4135));

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The version sent in PRELOGIN and LOGINACK.</summary>
    public Version ProductVersion { get; }

    /// <summary>
    /// Returns a connection string for this server. Encrypt=False is needed because the server
    /// offers no TLS, and pooling is off so that every probe opens, and logs in on, a connection of its own.
    /// </summary>
    public string ConnectionString(string userName, string password, string encrypt = "False") =>
        $"Server=tcp:127.0.0.1,{Port};User ID={userName};Password={password};Encrypt={encrypt};Pooling=False";

    public IReadOnlyList<TdsRequest> Requests => Copy(_requests);

    public IReadOnlyList<TdsLogin> Logins => Copy(_logins);

    /// <summary>The PRELOGIN ENCRYPTION byte of each client, in arrival order.</summary>
    public IReadOnlyList<byte?> ClientEncryptions => Copy(_clientEncryptions);

    /// <summary>Exceptions that ended a session other than a client disconnect; a test can assert none happened.</summary>
    public IReadOnlyList<Exception> SessionFailures => Copy(_sessionFailures);

    public int AttentionCount => Volatile.Read(ref _attentions);

    /// <summary>Returns the text of every request, batches and sp_executesql statements alike, in arrival order.</summary>
    public IReadOnlyList<string> RequestTexts => Requests.Select(request => request.Text).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);

        Task[] sessions;
        lock (_gate)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).ConfigureAwait(false);
        _stopping.Dispose();
    }

    internal TdsError? CheckLogin(TdsLogin login) => _loginCheck(login);

    /// <summary>Logs the request and calls the handler. A handler exception becomes error 50000 so that the client sees it.</summary>
    internal TdsReply Answer(TdsRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }

        try
        {
            return _handler(request);
        }
        catch (Exception exception)
        {
            return TdsReply.Failure(new TdsError(50000, $"Test server handler failed: {exception.Message}"));
        }
    }

    internal void RecordLogin(TdsLogin login) => Add(_logins, login);

    internal void RecordClientEncryption(byte? encryption) => Add(_clientEncryptions, encryption);

    internal void RecordAttention() => Interlocked.Increment(ref _attentions);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_gate)
            {
                _sessions.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            await new TdsSession(client, this).RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client disconnected, the session dropped the socket itself, or the server is stopping.
        }
        catch (Exception exception)
        {
            Add(_sessionFailures, exception);
        }
        finally
        {
            client.Dispose();
        }
    }

    private void Add<T>(List<T> list, T item)
    {
        lock (_gate)
        {
            list.Add(item);
        }
    }

    private IReadOnlyList<T> Copy<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }
}
