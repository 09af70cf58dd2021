using System.Diagnostics.Metrics;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Features;
using Ancso.Ml.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ancso.Ml.Inference;

/// <summary>The service's construction, initialization, reloading (switching models safely), status and disposal.</summary>
internal sealed partial class RankerInferenceService : IDisposable
{
    private static readonly ServingState DisposedState =
        new(ScoreProvenance.FromHeuristic(FallbackReason.NotInitialized, "The ranker service has been disposed."));

    private readonly IFeatureBuilder _features;
    private readonly IModelRegistry _registry;
    private readonly RankerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IOnnxSessionFactory _sessionFactory;
    private readonly ModelLoader _loader;
    private readonly RankerTelemetry _telemetry;
    private readonly ModelFolderChangeSource? _ownedChanges;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly Lock _stateLock = new();
    private readonly HashSet<string> _loggedCauses = new(StringComparer.Ordinal);

    private IDisposable? _registryChanges;
    private ServingState? _state;
    private Task? _initialization;
    private ScoreProvenance? _activationFailure;
    private int _reloadPending;
    private bool _runtimeFailed;
    private volatile bool _disposed;

    /// <summary>Creates the service. Nothing is loaded until <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="features">The featurization path shared with training.</param>
    /// <param name="registry">The models folder.</param>
    /// <param name="options">The ranker's options (already validated).</param>
    /// <param name="timeProvider">The clock of durations (and of the folder poll when the registry has no change token).</param>
    /// <param name="logger">The log.</param>
    /// <param name="meterFactory">Creates the <c>Ancso.Ml</c> meter; without one the service owns its meter.</param>
    /// <param name="sessionFactory">Creates ONNX Runtime sessions (a seam for tests).</param>
    public RankerInferenceService(
        IFeatureBuilder features,
        IModelRegistry registry,
        RankerOptions options,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        IMeterFactory? meterFactory = null,
        IOnnxSessionFactory? sessionFactory = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _features = features;
        _registry = registry;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _sessionFactory = sessionFactory ?? OnnxSessionFactory.Instance;
        _loader = new ModelLoader(registry, features.Layout, _sessionFactory, options);
        _telemetry = new RankerTelemetry(meterFactory, _time);
        if (options.HotReload && registry is not IModelChangeSource)
        {
            // A registry that cannot tell when its model changes: watch its folder on its behalf.
            _ownedChanges = new ModelFolderChangeSource(registry.ModelsDirectory, options.HotReloadCheckInterval, _time, _logger);
        }
    }

    /// <summary>Gets the session now serving, for tests.</summary>
    internal ModelSession? CurrentSession => Volatile.Read(ref _state)?.Session;

    /// <summary>Gets whether the service is subscribed to the registry's change token, for tests.</summary>
    internal bool IsWatching => Volatile.Read(ref _registryChanges) is not null;

    /// <summary>Gets whether the service watches the models folder itself (a registry without a change token), for tests.</summary>
    internal bool WatchesFolderItself => _ownedChanges is not null;

    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var initialization = Volatile.Read(ref _initialization);
        if (initialization is null)
        {
            lock (_stateLock)
            {
                initialization = _initialization ??= Task.Run(InitializeCoreAsync, CancellationToken.None);
            }
        }

        return initialization.IsCompleted || !cancellationToken.CanBeCanceled ? initialization : initialization.WaitAsync(cancellationToken);
    }

    public async ValueTask<RankerStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _state) is null)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        var state = Volatile.Read(ref _state)!;
        var runtimeLoaded = state.Session is not null || (!Volatile.Read(ref _runtimeFailed) && _sessionFactory.IsRuntimeAvailable());
        return new RankerStatus(state.Provenance, runtimeLoaded, state.Session?.Metadata, _features.Layout, _registry.ModelsDirectory)
        {
            ActivationFailure = state.Session is null ? null : Volatile.Read(ref _activationFailure),
            RegistryProblem = (_registry as IModelChangeSource)?.Problem,
        };
    }

    public void Dispose()
    {
        ServingState? retired;
        lock (_stateLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            retired = _state;
            _state = DisposedState;
        }

        Interlocked.Exchange(ref _registryChanges, null)?.Dispose();
        _ownedChanges?.Dispose();
        retired?.Session?.Release();
        _telemetry.Dispose();
    }

    /// <summary>Looks for the active model again and switches to it if it is new and usable. Serialised; never throws.</summary>
    internal async Task ReloadAsync()
    {
        await _reloadGate.WaitAsync().ConfigureAwait(false);
        try
        {
            Interlocked.Exchange(ref _reloadPending, 0);
            if (_disposed)
            {
                return;
            }

            // A change made during the load fires the token again, which queues one more reload after this one.
            var current = Volatile.Read(ref _state);
            LoadOutcome outcome;
            try
            {
                outcome = await _loader.LoadAsync(current?.Session, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A background reload must not take the host down; the cause is logged and scoring carries on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LoadFailedUnexpectedly(_registry.ModelsDirectory, ex);
                if (current is null)
                {
                    Publish(new ServingState(ScoreProvenance.FromHeuristic(FallbackReason.NotInitialized,
                        $"Loading the active model failed unexpectedly ({ex.GetType().Name}; the log has the details). The service retries when the models folder changes.")));
                }

                return;
            }

            Apply(current, outcome);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private async Task InitializeCoreAsync()
    {
        // Subscribed before the first load, so that an activation during it is not missed.
        SubscribeToChanges();
        await ReloadAsync().ConfigureAwait(false);
    }

    private void Apply(ServingState? current, LoadOutcome outcome)
    {
        if (outcome.IsUnchanged)
        {
            Volatile.Write(ref _activationFailure, null);
            return;
        }

        if (outcome.Session is { } session)
        {
            if (!Publish(new ServingState(session)))
            {
                session.Release();
                return;
            }

            Volatile.Write(ref _activationFailure, null);
            Volatile.Write(ref _runtimeFailed, false);
            lock (_loggedCauses)
            {
                _loggedCauses.Clear();
            }

            if (current?.Session is { } previous)
            {
                _logger.ModelSwitched(previous.Version.Version, session.Version.Version);
                previous.Release();
            }
            else
            {
                _logger.ModelLoaded(session.Version.Version, session.Version.ModelPath, session.Width, session.Metadata.EmbeddingGeneratorId);
            }

            return;
        }

        var failure = outcome.Failure!;
        if (failure.Reason == FallbackReason.RuntimeUnavailable)
        {
            Volatile.Write(ref _runtimeFailed, true);
        }

        var cause = failure.Reason + "|" + failure.Detail;
        if (current?.Session is { } serving && failure.Reason != FallbackReason.NoModel)
        {
            // A newly activated model that cannot be used never replaces a working one.
            Volatile.Write(ref _activationFailure, failure);
            if (FirstTime(cause))
            {
                _logger.ActivatedModelRejected(serving.Version.Version, outcome.AttemptedVersion ?? "(unknown)", failure.Reason, outcome.LogDetail ?? failure.Detail!, _registry.ModelsDirectory);
            }

            return;
        }

        Volatile.Write(ref _activationFailure, null);
        if (current?.Session is null && current?.Provenance is { } known && known.Reason == failure.Reason && known.Detail == failure.Detail)
        {
            return;
        }

        if (!Publish(new ServingState(failure)))
        {
            return;
        }

        if (current?.Session is { } deactivated)
        {
            _logger.ModelDeactivated(deactivated.Version.Version, failure.Detail!);
            deactivated.Release();
        }

        if (FirstTime(cause))
        {
            _logger.HeuristicFallback(failure.Reason, outcome.LogDetail ?? failure.Detail!, _registry.ModelsDirectory);
        }
    }

    /// <summary>Makes <paramref name="state"/> current unless the service has been disposed.</summary>
    private bool Publish(ServingState state)
    {
        lock (_stateLock)
        {
            if (_disposed)
            {
                return false;
            }

            Volatile.Write(ref _state, state);
            return true;
        }
    }

    /// <summary>Returns <see langword="true"/> the first time a cause is seen since the last successful load.</summary>
    private bool FirstTime(string cause)
    {
        lock (_loggedCauses)
        {
            return _loggedCauses.Add(cause);
        }
    }
}
