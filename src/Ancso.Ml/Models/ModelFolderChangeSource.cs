using Ancso.Ml.Inference;
using Microsoft.Extensions.Primitives;

namespace Ancso.Ml.Models;

/// <summary>What the files that decide the active model looked like: the pointer, and the legacy model and metadata.</summary>
internal readonly record struct ModelFolderStamp(FileStamp Pointer, FileStamp LegacyModel, FileStamp LegacyMetadata);

/// <summary>
/// The change token of a models folder. A <see cref="FileSystemWatcher"/> on the folder reports changes to
/// <c>active_model.json</c> (and the legacy <c>ranker.onnx</c> / <c>ranker_metadata.json</c>) at once; while the folder
/// does not exist, a watcher on its nearest existing parent notices it being created. A cheap look at the files' stamps
/// every poll interval covers file systems where watchers miss changes (network shares, some containers). Starts on the
/// first <see cref="GetChangeToken"/>, so a registry no one subscribes to watches nothing.
/// </summary>
internal sealed class ModelFolderChangeSource : IDisposable
{
    private readonly string _directory;
    private readonly string _pointerPath;
    private readonly string _legacyModelPath;
    private readonly string _legacyMetadataPath;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly Lock _gate = new();
    private CancellationTokenSource _changed = new();
    private FileSystemWatcher? _watcher;
    private string? _watched;
    private ITimer? _poll;
    private ModelFolderStamp _lastStamp;
    private int _polling;
    private bool _problemLogged;
    private bool _started;
    private bool _disposed;

    /// <param name="directory">The models folder (a full path).</param>
    /// <param name="pollInterval">How often the files' stamps are looked at.</param>
    /// <param name="time">The clock of the poll.</param>
    /// <param name="logger">Where a watcher that cannot start is reported (once).</param>
    public ModelFolderChangeSource(string directory, TimeSpan pollInterval, TimeProvider time, ILogger? logger)
    {
        _directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        _pointerPath = Path.Combine(_directory, ModelFileNames.ActivePointer);
        _legacyModelPath = Path.Combine(_directory, ModelFileNames.LegacyModel);
        _legacyMetadataPath = Path.Combine(_directory, ModelFileNames.LegacyMetadata);
        _pollInterval = pollInterval > TimeSpan.Zero ? pollInterval : TimeSpan.FromSeconds(2);
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets whether a watcher runs on the models folder itself (not on a parent waiting for it).</summary>
    public bool IsWatchingFolder
    {
        get
        {
            lock (_gate)
            {
                return _watcher is not null && string.Equals(_watched, _directory, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Gets a token that fires when the active model may have changed; starts watching on the first call.</summary>
    public IChangeToken GetChangeToken()
    {
        if (!Volatile.Read(ref _started))
        {
            Start();
        }

        return new CancellationChangeToken(Volatile.Read(ref _changed).Token);
    }

    /// <summary>Looks at the files' stamps now and fires the token when they changed since the last look.</summary>
    public void Poll()
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return;
        }

        try
        {
            if (_disposed)
            {
                return;
            }

            Arm();
            var stamp = Capture();
            if (stamp != _lastStamp)
            {
                _lastStamp = stamp;
                Fire();
            }
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _poll?.Dispose();
            _poll = null;
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private ModelFolderStamp Capture() => new(FileStamp.Of(_pointerPath), FileStamp.Of(_legacyModelPath), FileStamp.Of(_legacyMetadataPath));

    private void Start()
    {
        lock (_gate)
        {
            if (_started || _disposed)
            {
                return;
            }

            _lastStamp = Capture();
            Arm();
            _poll = _time.CreateTimer(static state => ((ModelFolderChangeSource)state!).Poll(), this, _pollInterval, _pollInterval);
            Volatile.Write(ref _started, true);
        }
    }

    private void Fire() => Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();

    /// <summary>Watches the folder, or its nearest existing parent while it does not exist; moves down once it does.</summary>
    private void Arm()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var target = NearestExisting(_directory);
            if (_watcher is not null && string.Equals(_watched, target, StringComparison.Ordinal))
            {
                return;
            }

            _watcher?.Dispose();
            _watcher = null;
            _watched = null;
            if (target is null)
            {
                return;
            }

            FileSystemWatcher? watcher = null;
            try
            {
                var onFolder = string.Equals(target, _directory, StringComparison.Ordinal);
                watcher = new FileSystemWatcher(target)
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = onFolder
                        ? NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime
                        : NotifyFilters.DirectoryName,
                };
                FileSystemEventHandler handler = onFolder ? OnFolderEvent : OnParentEvent;
                watcher.Changed += handler;
                watcher.Created += handler;
                watcher.Deleted += handler;
                watcher.Renamed += (sender, e) => handler(sender, e);
                watcher.Error += OnWatcherError;
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
                _watched = target;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
            {
                watcher?.Dispose();
                if (!_problemLogged)
                {
                    _problemLogged = true;
                    _logger?.WatcherUnavailable(target, ex.Message, _pollInterval);
                }
            }
        }
    }

    private static string? NearestExisting(string directory)
    {
        for (var current = directory; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
            {
                return current;
            }
        }

        return null;
    }

    private void OnFolderEvent(object sender, FileSystemEventArgs e)
    {
        if (IsRelevant(e.Name) || (e is RenamedEventArgs renamed && IsRelevant(renamed.OldName)))
        {
            Fire();
        }
    }

    private void OnParentEvent(object sender, FileSystemEventArgs e)
    {
        // A folder on the way to the models folder appeared (or went): watch the deepest existing one, and look at the
        // files, which may have been written before the watcher on the folder started.
        ThreadPool.UnsafeQueueUserWorkItem(static source => source.Poll(), this, preferLocal: false);
    }

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        // Events may have been lost (for example a buffer overflow): start again, and fire, since a change may be among them.
        lock (_gate)
        {
            if (ReferenceEquals(_watcher, sender))
            {
                _watcher.Dispose();
                _watcher = null;
                _watched = null;
            }
        }

        Fire();
        ThreadPool.UnsafeQueueUserWorkItem(static source => source.Poll(), this, preferLocal: false);
    }

    private static bool IsRelevant(string? name) =>
        name is ModelFileNames.ActivePointer or ModelFileNames.LegacyModel or ModelFileNames.LegacyMetadata;
}
