namespace Ancso.Ml.Inference;

/// <summary>
/// How the service notices a newly activated model: the folder watcher reports changes at once, and a look at the
/// pointer's stamp at most once per <see cref="DependencyInjection.RankerOptions.HotReloadCheckInterval"/>, queued off a
/// scoring call, covers file systems where watchers miss changes. Either one queues <see cref="ReloadAsync"/>.
/// </summary>
internal sealed partial class RankerInferenceService
{
    /// <summary>Compares the models folder with the last look and reloads when it changed. Used by the periodic check.</summary>
    internal Task CheckForChangesAsync()
    {
        if (_monitor is null || _disposed)
        {
            return Task.CompletedTask;
        }

        StartWatching();
        // _lastStamp is written under the reload gate; a read torn by a concurrent reload only causes one more reload,
        // which finds the model unchanged.
        var stamp = _monitor.Capture();
        var state = Volatile.Read(ref _state);
        if (stamp == _lastStamp && state?.Provenance.Reason != FallbackReason.NotInitialized)
        {
            return Task.CompletedTask;
        }

        _logger.ModelChangeDetected(_registry.ModelsDirectory, "periodic check");
        return ReloadAsync();
    }

    private void StartWatching()
    {
        if (_monitor!.TryStartWatching() is { } problem && !_watcherProblemLogged)
        {
            _watcherProblemLogged = true;
            _logger.WatcherUnavailable(_registry.ModelsDirectory, problem, _options.HotReloadCheckInterval);
        }
    }

    private void OnModelFilesChanged(string trigger)
    {
        if (_disposed || Interlocked.Exchange(ref _reloadPending, 1) == 1)
        {
            return;
        }

        _logger.ModelChangeDetected(_registry.ModelsDirectory, trigger);
        _ = Task.Run(ReloadAsync);
    }

    /// <summary>On a scoring call: at most once per interval, queue a look at the models folder off the call's path.</summary>
    private void CheckForChangesIfDue()
    {
        if (_monitor is null)
        {
            return;
        }

        var now = _time.GetTimestamp();
        var due = Volatile.Read(ref _nextCheck);
        if (now < due || Interlocked.CompareExchange(ref _nextCheck, now + _checkIntervalTicks, due) != due)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static service => _ = service.CheckForChangesAsync(), this, preferLocal: false);
    }
}
