using System.Collections.Concurrent;
using Ancso.Ml.Content;
using Ancso.Ml.Inference;

namespace Ancso.Ml.Tests.Inference;

/// <summary>
/// Eight dedicated threads scoring one item without pause, recording every failure, every version seen and every
/// score that does not match its version's expected score. Dedicated threads: scoring completes synchronously here, so
/// pool threads looping on it would starve the pool that reloads and the test's waits run on.
/// </summary>
internal sealed class ScoringLoad : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread[] _workers;
    private long _calls;

    public ScoringLoad(IRankerInferenceService service, ContentItem item, IReadOnlyDictionary<string, float> expected, int threads = 8)
    {
        _workers = [.. Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var pending = service.ScoreItemAsync(item);
                    var result = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                    Interlocked.Increment(ref _calls);
                    var version = result.ModelVersion ?? "heuristic";
                    Seen.AddOrUpdate(version, 1, (_, n) => n + 1);
                    if (!expected.TryGetValue(version, out var score) || Math.Abs(score - result.Score) > 1e-5)
                    {
                        Wrong.Enqueue($"{version}: {result.Score} ({result.Provenance})");
                    }
                }
                catch (Exception ex)
                {
                    Failures.Enqueue(ex);
                }
            }
        })
        {
            IsBackground = true,
        })];
        foreach (var worker in _workers)
        {
            worker.Start();
        }
    }

    public ConcurrentQueue<Exception> Failures { get; } = new();

    public ConcurrentQueue<string> Wrong { get; } = new();

    public ConcurrentDictionary<string, int> Seen { get; } = new();

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Stops the threads and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    public void Dispose() => _stop.Dispose();
}
