using System.Net.Sockets;

namespace ArcActors.Sql.Tests.Tds;

/// <summary>
/// Serves one client connection: PRELOGIN, LOGIN7, then SQL batches, RPCs and ATTENTION until the
/// client disconnects. Requests are handled in order on this connection's task.
/// </summary>
internal sealed class TdsSession
{
    private const string ProgramName = "Microsoft SQL Server";
    private const string InitialDatabase = "master";

    private readonly TcpClient _client;
    private readonly TdsPacketStream _packets;
    private readonly TdsTestServer _server;
    private string _userName = "";
    private string _database = InitialDatabase;

    public TdsSession(TcpClient client, TdsTestServer server)
    {
        _client = client;
        _packets = new TdsPacketStream(client.GetStream());
        _server = server;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await _packets.ReadMessageAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            var keepOpen = await HandleAsync(message, cancellationToken).ConfigureAwait(false);
            if (!keepOpen)
            {
                return;
            }
        }
    }

    /// <summary>Handles one message; returns false when the connection must end.</summary>
    private Task<bool> HandleAsync(TdsMessage message, CancellationToken cancellationToken) => message.Type switch
    {
        TdsPacketType.PreLogin => AnswerPreLoginAsync(message.Payload, cancellationToken),
        TdsPacketType.Login7 => AnswerLoginAsync(message.Payload, cancellationToken),
        TdsPacketType.SqlBatch => AnswerRequestAsync(TdsRequestReader.ReadBatch(message.Payload, _userName), cancellationToken),
        TdsPacketType.Rpc => AnswerRequestAsync(TdsRequestReader.ReadRpc(message.Payload, _userName), cancellationToken),
        TdsPacketType.Attention => AcknowledgeAttentionAsync(cancellationToken),
        _ => throw new NotSupportedException($"TDS packet type 0x{message.Type:X2} is not served by the test server."),
    };

    private async Task<bool> AnswerPreLoginAsync(byte[] payload, CancellationToken cancellationToken)
    {
        _server.RecordClientEncryption(PreLoginMessage.ClientEncryption(payload));
        await _packets.WriteMessageAsync(PreLoginMessage.ServerResponse(_server.ProductVersion), true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> AnswerLoginAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var login = Login7Reader.Read(payload);
        _server.RecordLogin(login);
        _userName = login.UserName;

        var tokens = new TdsTokenWriter();
        var rejection = _server.CheckLogin(login);
        if (rejection is not null)
        {
            tokens.Error(rejection);
            tokens.Done(TdsDoneStatus.Error);
            await _packets.WriteMessageAsync(tokens.ToArray(), true, cancellationToken).ConfigureAwait(false);
            return false;
        }

        _database = login.Database.Length > 0 ? login.Database : InitialDatabase;
        tokens.DatabaseChange(_database, InitialDatabase);
        tokens.CollationChange();
        tokens.LoginAck(ProgramName, _server.ProductVersion);
        tokens.PacketSizeChange(login.PacketSize);
        tokens.Done(TdsDoneStatus.Final);
        await _packets.WriteMessageAsync(tokens.ToArray(), true, cancellationToken).ConfigureAwait(false);
        _packets.PacketSize = login.PacketSize;
        return true;
    }

    private async Task<bool> AcknowledgeAttentionAsync(CancellationToken cancellationToken)
    {
        _server.RecordAttention();
        var tokens = new TdsTokenWriter();
        tokens.Done(TdsDoneStatus.Attention);
        await _packets.WriteMessageAsync(tokens.ToArray(), true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> AnswerRequestAsync(TdsRequest request, CancellationToken cancellationToken)
    {
        var reply = _server.Answer(request);
        switch (reply.Behavior)
        {
            case TdsReplyBehavior.WaitForAttention:
                return true;
            case TdsReplyBehavior.ResetMidResult:
            case TdsReplyBehavior.CloseMidResult:
                await DropMidResultAsync(reply, cancellationToken).ConfigureAwait(false);
                return false;
            default:
                var tokens = TdsReplyEncoder.Encode(reply, request.Kind, _database);
                _database = reply.ChangedDatabase ?? _database;
                await _packets.WriteMessageAsync(tokens, true, cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    /// <summary>Sends the metadata and first rows of the first result set in a packet without EOM, then ends the connection.</summary>
    private async Task DropMidResultAsync(TdsReply reply, CancellationToken cancellationToken)
    {
        var resultSet = reply.ResultSets[0];
        var tokens = new TdsTokenWriter();
        tokens.ColMetadata(resultSet.Columns);
        foreach (var row in resultSet.Rows.Take(reply.RowsBeforeDrop))
        {
            tokens.Row(resultSet.Columns, row);
        }

        await _packets.WriteMessageAsync(tokens.ToArray(), false, cancellationToken).ConfigureAwait(false);
        if (reply.Behavior == TdsReplyBehavior.ResetMidResult)
        {
            // A zero linger time makes Close send RST instead of FIN.
            _client.Client.LingerState = new LingerOption(true, 0);
        }

        _client.Close();
    }
}
