using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace ArcActors.Node.Runtime;

/// <summary>
/// Writes Akka.NET log events to standard error, so standard output carries only the command's
/// own progress and results and can be piped or parsed.
/// </summary>
public sealed class StandardErrorLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(log =>
        {
            var cause = log is Error { Cause: { } exception } ? $" ({exception.GetType().Name}: {exception.Message})" : "";
            Console.Error.WriteLine($"{log.Timestamp:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} [{log.LogLevel().ToString().Replace("Level", "", StringComparison.Ordinal).ToUpperInvariant()}] {log.LogSource}: {log.Message}{cause}");
        });
    }
}
