using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ArcActors.Arm.Tests;

/// <summary>A pipeline policy that records the URI of every request the SDK sends.</summary>
internal sealed class RequestRecorder : HttpPipelineSynchronousPolicy
{
    public ConcurrentQueue<Uri> Uris { get; } = new();

    public override void OnSendingRequest(HttpMessage message) => Uris.Enqueue(message.Request.Uri.ToUri());
}
