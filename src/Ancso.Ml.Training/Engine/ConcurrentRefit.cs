namespace Ancso.Ml.Training.Engine;

/// <summary>
/// The refit on every pair, run on a thread of its own while the validated fit runs, so the two use both cores. The
/// refit trains towards the largest epoch count and keeps a copy of its weights at the epoch the validated fit counts
/// best so far; once the validated fit has finished, the refit stops at the chosen epoch. It never runs more than one
/// epoch ahead of the validated fit, so it holds at most two copies (the best so far and one not yet judged): memory
/// stays flat over epochs. Its own shuffler and dropout generator make it draw exactly what a sequential refit of that
/// many epochs would, so the result is the same whichever thread finishes first.
/// </summary>
internal sealed class ConcurrentRefit : IDisposable
{
    private readonly object _gate = new();
    private readonly Func<int, CancellationToken, EpochRecord> _trainEpoch;
    private readonly Func<float[]> _snapshot;
    private readonly int _maxEpochs;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationToken _callerToken;
    private readonly List<EpochRecord> _records = [];
    private readonly Thread _thread;
    private int _judged;
    private int _bestSoFar;
    private int _chosen;
    private int _done;
    private float[]? _best;
    private int _bestEpoch;
    private float[]? _pending;
    private int _pendingEpoch;
    private Exception? _failure;
    private int _failedEpoch;

    /// <param name="trainEpoch">Trains the refit network one epoch (the epoch's number given) and describes it; runs on the refit's thread.</param>
    /// <param name="snapshot">Copies the refit network's weights out.</param>
    /// <param name="maxEpochs">The most epochs the validated fit may choose.</param>
    /// <param name="threadStart">Runs first on the refit's thread (TorchSharp's thread settings).</param>
    /// <param name="cancellationToken">The caller's token, checked before every batch.</param>
    public ConcurrentRefit(Func<int, CancellationToken, EpochRecord> trainEpoch, Func<float[]> snapshot, int maxEpochs, Action threadStart, CancellationToken cancellationToken)
    {
        _trainEpoch = trainEpoch;
        _snapshot = snapshot;
        _maxEpochs = maxEpochs;
        _callerToken = cancellationToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _thread = new Thread(() =>
        {
            threadStart();
            Train();
        })
        {
            IsBackground = true,
            Name = "Ancso.Ml refit",
        };
        _thread.Start();
    }

    /// <summary>Tells the refit that the validated fit has judged <paramref name="epoch"/>, and whether it is the best so far.</summary>
    public void Judged(int epoch, bool isBest)
    {
        lock (_gate)
        {
            _judged = epoch;
            if (isBest)
            {
                _bestSoFar = epoch;
            }

            if (_pending is not null && _pendingEpoch == epoch)
            {
                if (isBest)
                {
                    (_best, _bestEpoch) = (_pending, epoch);
                }

                _pending = null;
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Waits for the refit to reach <paramref name="chosenEpoch"/>, the validated fit's choice, and gives its weights
    /// there and its epochs up to there; rethrows what stopped the refit before it got there.
    /// </summary>
    public (float[] Weights, List<EpochRecord> Epochs) Finish(int chosenEpoch)
    {
        lock (_gate)
        {
            _chosen = chosenEpoch;
            if (_done >= chosenEpoch)
            {
                // The epoch under way is past the choice: its work is not needed.
                _stop.Cancel();
            }

            Monitor.PulseAll(_gate);
        }

        _thread.Join();
        if (_failure is not null && (_failedEpoch <= chosenEpoch || _failure is not (RankerTrainingException or OperationCanceledException)))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
        }

        _callerToken.ThrowIfCancellationRequested();
        if (_best is null || _bestEpoch != chosenEpoch)
        {
            throw new InvalidOperationException($"The refit kept epoch {_bestEpoch}, not the chosen {chosenEpoch}.");
        }

        return (_best, _records.GetRange(0, chosenEpoch));
    }

    /// <summary>Stops the refit (the validated fit failed or was cancelled) and waits for its thread.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _chosen = _chosen == 0 ? -1 : _chosen;
            Monitor.PulseAll(_gate);
        }

        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private void Train()
    {
        var epoch = 0;
        try
        {
            for (epoch = 1; epoch <= _maxEpochs; epoch++)
            {
                lock (_gate)
                {
                    // At most one epoch ahead of the validated fit, so at most one copy waits to be judged.
                    while (_chosen == 0 && epoch > _judged + 1)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_chosen != 0 && epoch > _chosen)
                    {
                        return;
                    }
                }

                var record = _trainEpoch(epoch, _stop.Token);
                lock (_gate)
                {
                    _records.Add(record);
                    _done = epoch;
                    if (epoch > _judged)
                    {
                        (_pending, _pendingEpoch) = (_snapshot(), epoch);
                    }
                    else if (epoch == _bestSoFar)
                    {
                        (_best, _bestEpoch) = (_snapshot(), epoch);
                    }

                    Monitor.PulseAll(_gate);
                }
            }
        }
        catch (Exception ex)
        {
            // Surfaced by Finish when the refit had not reached the chosen epoch; an epoch past it does not count.
            _failure = ex;
            _failedEpoch = epoch;
        }
    }
}
