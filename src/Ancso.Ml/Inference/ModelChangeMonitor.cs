using Ancso.Ml.Models;

namespace Ancso.Ml.Inference;

/// <summary>What the files that decide the active model looked like: the pointer, and the legacy model and metadata.</summary>
internal readonly record struct ModelFolderStamp(FileStamp Pointer, FileStamp LegacyModel, FileStamp LegacyMetadata);

/// <summary>
/// Notices when the active model may have changed: a <see cref="FileSystemWatcher"/> on the models folder reports
/// changes to <c>active_model.json</c> (and the legacy <c>ranker.onnx</c> / <c>ranker_metadata.json</c>) at once, and
/// <see cref="Capture"/> gives a cheap stamp for a periodic check, since watchers miss changes on some file systems.
/// </summary>
internal sealed class ModelChangeMonitor : IDisposable
{
    private readonly string _directory;
    private readonly string _pointerPath;
    private readonly string _legacyModelPath;
    private readonly string _legacyMetadataPath;
    private readonly Action<string> _onChange;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private bool _disposed;

    /// <param name="directory">The models folder.</param>
    /// <param name="onChange">Called (on a watcher thread) with what changed.</param>
    public ModelChangeMonitor(string directory, Action<string> onChange)
    {
        _directory = directory;
        _pointerPath = Path.Combine(directory, ModelFileNames.ActivePointer);
        _legacyModelPath = Path.Combine(directory, ModelFileNames.LegacyModel);
        _legacyMetadataPath = Path.Combine(directory, ModelFileNames.LegacyMetadata);
        _onChange = onChange;
    }

    /// <summary>Gets whether a watcher is running.</summary>
    public bool IsWatching => Volatile.Read(ref _watcher) is not null;

    /// <summary>Looks at the files now.</summary>
    public ModelFolderStamp Capture() => new(FileStamp.Of(_pointerPath), FileStamp.Of(_legacyModelPath), FileStamp.Of(_legacyMetadataPath));

    /// <summary>Starts the watcher if it is not running. Returns <see langword="null"/> when watching, else why not.</summary>
    public string? TryStartWatching()
    {
        lock (_gate)
        {
            if (_disposed || _watcher is not null)
            {
                return null;
            }

            if (!Directory.Exists(_directory))
            {
                return "the folder does not exist yet";
            }

            FileSystemWatcher? watcher = null;
            try
            {
                watcher = new FileSystemWatcher(_directory)
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                watcher.Changed += OnFileEvent;
                watcher.Created += OnFileEvent;
                watcher.Deleted += OnFileEvent;
                watcher.Renamed += OnFileEvent;
                watcher.Error += OnWatcherError;
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
            {
                watcher?.Dispose();
                return ex.Message;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (IsRelevant(e.Name) || (e is RenamedEventArgs renamed && IsRelevant(renamed.OldName)))
        {
            _onChange(e.ChangeType + " " + e.Name);
        }
    }

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        // Events may have been lost (for example a buffer overflow): look again, and restart the watcher on the next check.
        lock (_gate)
        {
            if (ReferenceEquals(_watcher, sender))
            {
                _watcher.Dispose();
                _watcher = null;
            }
        }

        _onChange("watcher error: " + e.GetException().Message);
    }

    private static bool IsRelevant(string? name) =>
        name is ModelFileNames.ActivePointer or ModelFileNames.LegacyModel or ModelFileNames.LegacyMetadata;
}
