using Microsoft.Extensions.AI;

namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>
/// Gathers concurrent calls into one call of the inner generator: a call waits at most <c>window</c> for others to join,
/// or less when <c>maxTexts</c> texts are waiting; while a gathered call runs, new calls queue and go together as soon
/// as it ends. At most one inner call runs at a time. A call of <c>maxTexts</c> texts or more, or one with options, goes
/// straight through. The gathered call is not cancelled when one caller gives up; that caller stops waiting.
/// </summary>
internal sealed class MicroBatchingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly TimeSpan _window;
    private readonly int _maxTexts;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<Waiting> _queue = [];
    private int _queuedTexts;
    private bool _scheduled;
    private bool _running;

    public MicroBatchingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, TimeSpan window, int maxTexts, TimeProvider timeProvider)
        : base(innerGenerator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTexts);
        _window = window;
        _maxTexts = maxTexts;
        _time = timeProvider;
    }

    /// <summary>Gets the number of texts waiting for the next inner call.</summary>
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
        bool runNow = false, schedule = false;
        lock (_gate)
        {
            _queue.Add(waiting);
            _queuedTexts += texts.Count;
            if (!_running)
            {
                if (_queuedTexts >= _maxTexts || _window == TimeSpan.Zero)
                {
                    _running = runNow = true;
                }
                else if (!_scheduled)
                {
                    _scheduled = schedule = true;
                }
            }
        }

        if (runNow)
        {
            _ = RunAsync();
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
        lock (_gate)
        {
            _scheduled = false;
            if (_running)
            {
                return;
            }

            _running = true;
        }

        await RunAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await Task.Yield();
        while (true)
        {
            var batch = new List<Waiting>();
            var count = 0;
            lock (_gate)
            {
                while (_queue.Count > 0 && (batch.Count == 0 || count + _queue[0].Texts.Count <= _maxTexts))
                {
                    batch.Add(_queue[0]);
                    count += _queue[0].Texts.Count;
                    _queue.RemoveAt(0);
                }

                _queuedTexts -= count;
                if (batch.Count == 0)
                {
                    _running = false;
                    return;
                }
            }

            await RunBatchAsync(batch, count).ConfigureAwait(false);
        }
    }

    private async Task RunBatchAsync(List<Waiting> batch, int count)
    {
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
