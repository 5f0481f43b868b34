namespace ArcActors.Sql.Errors;

/// <summary>
/// Runs an operation again after a transient failure, waiting base delay × 2^(attempt − 1) between
/// tries. The delay function is injectable so that tests need not wait.
/// </summary>
public sealed class TransientRetry
{
    private readonly int _maxRetries;
    private readonly TimeSpan _baseDelay;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public TransientRetry(int maxRetries, TimeSpan baseDelay, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        if (maxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, "Retry count must be 0 or more.");
        }

        if (baseDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(baseDelay), baseDelay, "Base delay must not be negative.");
        }

        _maxRetries = maxRetries;
        _baseDelay = baseDelay;
        _delay = delay ?? Task.Delay;
    }

    /// <summary>Returns the wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry) => _baseDelay * Math.Pow(2, retry - 1);

    /// <summary>
    /// Runs <paramref name="operation"/>, retrying up to the configured count while
    /// <paramref name="isTransient"/> accepts the exception; the last exception is rethrown.
    /// <paramref name="onRetry"/> receives the retry number, the wait and the exception before each wait.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        Func<CancellationToken, Task<T>> operation,
        Func<Exception, bool> isTransient,
        Action<int, TimeSpan, Exception>? onRetry,
        CancellationToken cancellationToken)
    {
        for (var retry = 1; ; retry++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (retry <= _maxRetries && isTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                var wait = DelayBefore(retry);
                onRetry?.Invoke(retry, wait, exception);
                await _delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
