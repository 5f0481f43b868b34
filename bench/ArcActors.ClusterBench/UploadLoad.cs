using Akka.Actor;
using ArcActors.Contracts;
using ArcActors.Contracts.Ingress;

namespace ArcActors.ClusterBench;

/// <summary>
/// Closed-loop load: every host keeps a fixed number of uploads in flight, alternating an inventory
/// upload and a usage upload, and sends the next one as soon as a reply arrives. An upload without a
/// reply within the timeout is sent again with the same upload id, as a host's upload channel does.
/// </summary>
public sealed class UploadLoad(IReadOnlyList<BenchHost> hosts, int inFlight, TimeSpan replyTimeout, AcceptLog log)
{
    /// <summary>Sends one upload of <paramref name="host"/> and returns the reply.</summary>
    public delegate Task<object> SendUpload(BenchHost host, IArcActorsMessage upload, TimeSpan timeout);

    /// <summary>Sends each host's machine upload until accepted, so the usage uploads find the machine entity.</summary>
    public Task SendMachinesAsync(SendUpload send, CancellationToken stop) =>
        Task.WhenAll(hosts.Select(host => SendUntilRepliedAsync(send, host, host.Machine(), stop)));

    /// <summary>Runs every host's loops until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(SendUpload send, CancellationToken stop) =>
        Task.WhenAll(hosts.SelectMany(host => Enumerable.Range(0, inFlight).Select(lane => RunLaneAsync(send, host, lane, stop))));

    private async Task RunLaneAsync(SendUpload send, BenchHost host, int lane, CancellationToken stop)
    {
        var inventoryNext = lane % 2 == 0;
        while (!stop.IsCancellationRequested)
        {
            IArcActorsMessage upload = inventoryNext ? host.Inventory() : host.Usage();
            inventoryNext = !inventoryNext;
            await SendUntilRepliedAsync(send, host, upload, stop);
        }
    }

    private async Task SendUntilRepliedAsync(SendUpload send, BenchHost host, IArcActorsMessage upload, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            object reply;
            try
            {
                reply = await send(host, upload, replyTimeout);
            }
            catch (AskTimeoutException)
            {
                log.Timeout();
                continue;
            }
            catch (TaskCanceledException)
            {
                log.Timeout();
                continue;
            }

            switch (reply)
            {
                case UploadAccepted accepted:
                    log.Accept(host.Index, accepted.EventsPersisted);
                    break;
                case UploadRejected rejected:
                    log.Reject($"{rejected.Code}: {rejected.Message}");
                    break;
                default:
                    log.Reject($"unexpected reply {reply.GetType().Name}");
                    break;
            }

            return;
        }
    }
}
