namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>
/// Gathers concurrent calls into one call of the inner generator: a call waits at most <c>window</c> for others to join,
/// or less when <c>maxTexts</c> texts are waiting. At most <c>maxConcurrentCalls</c> inner calls run at once (one per
/// core by default, so a local encoder keeps every core busy); calls arriving while that many run queue and go together
/// as soon as one ends. A call of <c>maxTexts</c> texts or more, or one with options, goes straight through. The
/// gathered call is not cancelled when one caller gives up; that caller stops waiting.
/// </summary>
internal sealed class MicroBatchingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly TimeSpan _window;
    private readonly int _maxTexts;
    private readonly int _maxConcurrentCalls;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<Waiting> _queue = [];
    private int _queuedTexts;
    private bool _scheduled;
    private int _running;

    public MicroBatchingEmbeddingGenerator(
        IEmbeddingGenerator<string, Embedding<float>> innerGenerator, TimeSpan window, int maxTexts, TimeProvider timeProvider, int? maxConcurrentCalls = null)
        : base(innerGenerator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTexts);
        _window = window;
        _maxTexts = maxTexts;
        _time = timeProvider;
        _maxConcurrentCalls = Math.Max(1, maxConcurrentCalls ?? Environment.ProcessorCount);
    }

    /// <summary>Gets the number of texts waiting for an inner call.</summary>
    public int QueuedTexts
    {
        get
        {
            lock (_gate)
            {
                return _queuedTexts;
            }
        }
    }

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        if (options is not null || texts.Count == 0 || texts.Count >= _maxTexts)
        {
            return base.GenerateAsync(texts, options, cancellationToken);
        }

        var waiting = new Waiting(texts, new TaskCompletionSource<GeneratedEmbeddings<Embedding<float>>>(TaskCreationOptions.RunContinuationsAsynchronously));
        List<Waiting>? now = null;
        var schedule = false;
        lock (_gate)
        {
            _queue.Add(waiting);
            _queuedTexts += texts.Count;
            if ((_queuedTexts >= _maxTexts || _window == TimeSpan.Zero) && _running < _maxConcurrentCalls)
            {
                now = TakeBatch();
            }
            else if (!_scheduled)
            {
                _scheduled = schedule = true;
            }
        }

        if (now is not null)
        {
            _ = RunAsync(now);
        }
        else if (schedule)
        {
            _ = RunAfterWindowAsync();
        }

        return waiting.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAfterWindowAsync()
    {
        await Task.Delay(_window, _time).ConfigureAwait(false);
        List<List<Waiting>> batches = [];
        lock (_gate)
        {
            _scheduled = false;
            while (_queue.Count > 0 && _running < _maxConcurrentCalls)
            {
                batches.Add(TakeBatch());
            }
        }

        foreach (var batch in batches)
        {
            _ = RunAsync(batch);
        }
    }

    /// <summary>Takes up to <c>maxTexts</c> texts (at least one call) off the queue and counts a running call. Under the lock.</summary>
    private List<Waiting> TakeBatch()
    {
        var batch = new List<Waiting>();
        var count = 0;
        while (_queue.Count > 0 && (batch.Count == 0 || count + _queue[0].Texts.Count <= _maxTexts))
        {
            batch.Add(_queue[0]);
            count += _queue[0].Texts.Count;
            _queue.RemoveAt(0);
        }

        _queuedTexts -= count;
        _running++;
        return batch;
    }

    private async Task RunAsync(List<Waiting> batch)
    {
        await Task.Yield();
        while (true)
        {
            await RunBatchAsync(batch).ConfigureAwait(false);
            lock (_gate)
            {
                // Calls that queued while every slot was busy have waited long enough: go now.
                if (_queue.Count == 0 || _scheduled)
                {
                    _running--;
                    return;
                }

                _running--;
                batch = TakeBatch();
            }
        }
    }

    private async Task RunBatchAsync(List<Waiting> batch)
    {
        var count = batch.Sum(static w => w.Texts.Count);
        try
        {
            var texts = new List<string>(count);
            foreach (var waiting in batch)
            {
                texts.AddRange(waiting.Texts);
            }

            var generated = await InnerGenerator.GenerateAsync(texts, options: null, CancellationToken.None).ConfigureAwait(false);
            if (generated.Count != count)
            {
                throw new EmbeddingServiceException(
                    $"The embedding generator returned {generated.Count} embeddings for {count} texts; nothing was used or cached.",
                    EmbeddingServiceErrorKind.InvalidResponse);
            }

            var offset = 0;
            foreach (var waiting in batch)
            {
                var part = new GeneratedEmbeddings<Embedding<float>>(waiting.Texts.Count);
                for (var i = 0; i < waiting.Texts.Count; i++)
                {
                    part.Add(generated[offset + i]);
                }

                offset += waiting.Texts.Count;
                waiting.Done.TrySetResult(part);
            }
        }
        catch (Exception e)
        {
            foreach (var waiting in batch)
            {
                waiting.Done.TrySetException(e);
            }
        }
    }

    private sealed record Waiting(IReadOnlyList<string> Texts, TaskCompletionSource<GeneratedEmbeddings<Embedding<float>>> Done);
}
