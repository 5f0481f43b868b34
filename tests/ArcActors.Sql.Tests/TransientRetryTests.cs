using ArcActors.Sql.Errors;
using Xunit;

namespace ArcActors.Sql.Tests;

public sealed class TransientRetryTests
{
    private sealed class TransientFault : Exception;

    private sealed class PermanentFault : Exception;

    [Fact]
    public async Task TransientRetry_RetriesThreeTimesWithDoublingDelay()
    {
        var waits = new List<TimeSpan>();
        var retry = new TransientRetry(3, TimeSpan.FromSeconds(1), RecordInto(waits));
        var calls = 0;

        await Assert.ThrowsAsync<TransientFault>(() => retry.ExecuteAsync<int>(
            _ =>
            {
                calls++;
                throw new TransientFault();
            },
            exception => exception is TransientFault,
            null,
            CancellationToken.None));

        Assert.Equal(4, calls);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
    }

    [Fact]
    public async Task TransientRetry_ReturnsAfterTransientFailure()
    {
        var waits = new List<TimeSpan>();
        var retry = new TransientRetry(3, TimeSpan.FromMilliseconds(100), RecordInto(waits));
        var calls = 0;

        var result = await retry.ExecuteAsync(
            _ =>
            {
                calls++;
                return calls < 2 ? throw new TransientFault() : Task.FromResult(42);
            },
            exception => exception is TransientFault,
            null,
            CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(2, calls);
        Assert.Single(waits);
    }

    [Fact]
    public async Task TransientRetry_DoesNotRetryPermanentFailure()
    {
        var waits = new List<TimeSpan>();
        var retry = new TransientRetry(3, TimeSpan.FromSeconds(1), RecordInto(waits));
        var calls = 0;

        await Assert.ThrowsAsync<PermanentFault>(() => retry.ExecuteAsync<int>(
            _ =>
            {
                calls++;
                throw new PermanentFault();
            },
            exception => exception is TransientFault,
            null,
            CancellationToken.None));

        Assert.Equal(1, calls);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task TransientRetry_ReportsEachRetry()
    {
        var reported = new List<int>();
        var retry = new TransientRetry(2, TimeSpan.Zero, RecordInto([]));

        await Assert.ThrowsAsync<TransientFault>(() => retry.ExecuteAsync<int>(
            _ => throw new TransientFault(),
            exception => exception is TransientFault,
            (attempt, _, _) => reported.Add(attempt),
            CancellationToken.None));

        Assert.Equal([1, 2], reported);
    }

    [Fact]
    public void TransientRetry_RejectsNegativeRetryCount()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransientRetry(-1, TimeSpan.Zero));
    }

    private static Func<TimeSpan, CancellationToken, Task> RecordInto(List<TimeSpan> waits) =>
        (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        };
}
