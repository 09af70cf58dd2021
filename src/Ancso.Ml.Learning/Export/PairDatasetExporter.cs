using System.Text.Json;
using Ancso.Ml.Embeddings.Pipeline;
using Ancso.Ml.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Learning.Export;

/// <summary>Streams pairs from the store into <c>dataset.bin</c> or <c>dataset.jsonl</c> and <c>metadata.json</c>, replacing the previous files only on success.</summary>
internal sealed partial class PairDatasetExporter : IPairDatasetExporter
{
    private readonly IPairStore _store;
    private readonly IFeatureBuilder _features;
    private readonly DatasetExportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PairDatasetExporter(
        IPairStore store,
        IFeatureBuilder features,
        IOptions<DatasetExportOptions> options,
        TimeProvider timeProvider,
        ILogger<PairDatasetExporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _features = features;
        _options = options.Value;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    private async Task<PairDatasetExportResult> ExportCoreAsync(PairDatasetExportRequest? request, CancellationToken cancellationToken)
    {
        request ??= new PairDatasetExportRequest();
        var filter = CreateFilter(request);
        var layout = _features.Layout;
        if (request.StatisticsOnly)
        {
            var counts = await _store.CountPairsAsync(filter, cancellationToken).ConfigureAwait(false);
            return new PairDatasetExportResult { StatisticsOnly = true, Counts = counts, Layout = layout };
        }

        if (!Enum.IsDefined(request.Format))
        {
            throw new ArgumentException($"The export request has format {request.Format}; use {PairDatasetFormat.Compact} or {PairDatasetFormat.Jsonl}.", nameof(request));
        }

        var directory = Path.GetFullPath(request.OutputDirectory ?? _options.DatasetDirectory);
        Directory.CreateDirectory(directory);
        var datasetPath = Path.Combine(directory, PairDatasetFiles.FileNameOf(request.Format));
        var metadataPath = Path.Combine(directory, PairDatasetFiles.MetadataFileName);
        var suffix = $".{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        var datasetTemp = datasetPath + suffix;
        var metadataTemp = metadataPath + suffix;
        PairDatasetExporterLog.Started(_logger, filter, directory, layout, request.Format);
        try
        {
            using var tallying = EmbeddingCacheTally.Begin(out var tally);

            // Taken before the pairs are read, so every pair written is within it: an erasure can then tell exactly whether the dataset holds erased pairs.
            var fingerprint = await _store.GetFingerprintAsync(filter, cancellationToken).ConfigureAwait(false);
            var expected = request.Progress is null ? 0 : (await _store.CountPairsAsync(filter, cancellationToken).ConfigureAwait(false)).Total;
            request.Progress?.Report(new PairDatasetExportProgress(0, expected));
            void Report(int written) => request.Progress?.Report(new PairDatasetExportProgress(written, Math.Max(expected, written)));
            var (totals, hash) = request.Format == PairDatasetFormat.Compact
                ? await WriteCompactAsync(filter, fingerprint.MaxSequence, datasetTemp, layout, Report, cancellationToken).ConfigureAwait(false)
                : await WriteJsonlAsync(filter, fingerprint.MaxSequence, datasetTemp, Report, cancellationToken).ConfigureAwait(false);
            if (totals.Total == 0)
            {
                throw new InvalidOperationException(
                    $"No pair in the store matches {filter}; nothing was written and the dataset in '{directory}' is unchanged. Record signals or run bootstrap first, or check the filters.");
            }

            var metadata = CreateMetadata(layout, totals, hash, request);
            metadata.SourceStore = new PairDatasetSourceStore
            {
                StoreId = fingerprint.StoreId,
                MaxPairSequence = fingerprint.MaxSequence,
                ErasureGeneration = fingerprint.ErasureGeneration,
            };
            await WriteMetadataAsync(metadataTemp, metadata, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(datasetTemp, datasetPath, overwrite: true);
            File.Move(metadataTemp, metadataPath, overwrite: true);
            DeleteIfPresent(Path.Combine(directory, PairDatasetFiles.FileNameOf(request.Format == PairDatasetFormat.Jsonl ? PairDatasetFormat.Compact : PairDatasetFormat.Jsonl)));

            // An erasure that committed while the pairs were read may have removed some of them, and looked at the data
            // folder before this dataset was in it: then the dataset goes, and the export is to be run again.
            if (await _store.HasErasedPairsAsync(fingerprint, CancellationToken.None).ConfigureAwait(false))
            {
                DeleteIfPresent(datasetPath);
                DeleteIfPresent(metadataPath);
                throw new InvalidOperationException(
                    $"An erasure removed pairs while they were being exported to '{directory}', so the dataset was discarded. Export again.");
            }
            PairDatasetExporterLog.Completed(_logger, totals.Total, datasetPath, hash, tally.FromCache, tally.Generated);
            return new PairDatasetExportResult
            {
                StatisticsOnly = false,
                Counts = totals,
                Layout = layout,
                DatasetPath = datasetPath,
                MetadataPath = metadataPath,
                Metadata = metadata,
                Format = request.Format,
                EmbeddingsFromCache = tally.FromCache,
                EmbeddingsGenerated = tally.Generated,
            };
        }
        catch (Exception e)
        {
            PairDatasetExporterLog.Failed(_logger, e, directory);
            throw;
        }
        finally
        {
            DeleteIfPresent(datasetTemp);
            DeleteIfPresent(metadataTemp);
        }
    }

    private static PairFilter CreateFilter(PairDatasetExportRequest request)
    {
        var filter = new PairFilter { Platform = request.Platform, Source = request.Source };
        filter.Validate("The export request");
        return filter;
    }

    private async Task<(PairCounts Counts, string Hash)> WriteJsonlAsync(PairFilter filter, long maxSequence, string path, Action<int> report, CancellationToken cancellationToken)
    {
        var resolver = new DatasetFeatureResolver(_features, _options.EmbeddingBatchSize, _options.FeatureCacheCapacity);
        var counts = new PairCountsBuilder();
        var written = 0;
        var writer = new DatasetLineWriter(path);
        await using (writer.ConfigureAwait(false))
        {
            var batch = new List<StoredPair>(_options.ExportBatchSize);
            await foreach (var pair in _store.StreamPairsAsync(filter, cancellationToken).ConfigureAwait(false))
            {
                // Stored after the fingerprint was taken: not part of the set it describes.
                if (pair.Sequence > maxSequence)
                {
                    continue;
                }

                batch.Add(pair);
                if (batch.Count == _options.ExportBatchSize)
                {
                    written += batch.Count;
                    await WriteBatchAsync(batch, resolver, writer, counts, cancellationToken).ConfigureAwait(false);
                    report(written);
                }
            }

            written += batch.Count;
            await WriteBatchAsync(batch, resolver, writer, counts, cancellationToken).ConfigureAwait(false);
            report(written);
            return (counts.Build(), await writer.CompleteAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<(PairCounts Counts, string Hash)> WriteCompactAsync(PairFilter filter, long maxSequence, string path, FeatureLayout layout, Action<int> report, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            using var writer = new CompactDatasetWriter(file, layout.Width);
            var reader = new PairStoreDatasetReader(_store, _features, _options.ExportBatchSize, _options.EmbeddingBatchSize);
            var counts = await reader.ReadAsync(filter, maxSequence, writer, sink: null, report, cancellationToken).ConfigureAwait(false);
            var hash = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
            return (counts, hash);
        }
    }

    private static async Task WriteBatchAsync(
        List<StoredPair> batch, DatasetFeatureResolver resolver, DatasetLineWriter writer, PairCountsBuilder counts, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var features = await resolver.ResolveAsync(batch, cancellationToken).ConfigureAwait(false);
        foreach (var pair in batch)
        {
            await writer.WriteAsync(pair, features[pair.ItemA.Id], features[pair.ItemB.Id], cancellationToken).ConfigureAwait(false);
            counts.Add(pair.Source, pair.Platform, pair.Section, 1);
        }

        batch.Clear();
    }

    private PairDatasetMetadata CreateMetadata(FeatureLayout layout, PairCounts counts, string hash, PairDatasetExportRequest request) => new()
    {
        DatasetFile = request.Format == PairDatasetFormat.Compact ? PairDatasetFiles.CompactFileName : null,
        SchemaVersion = PairDatasetFiles.SchemaVersion,
        FeatureNames = [.. layout.GetFeatureNames()],
        EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
        EmbeddingDimension = layout.EmbeddingDimension,
        MetricNames = [.. layout.MetricNames],
        PairCount = counts.Total,
        Counts = new PairDatasetCounts
        {
            BySource = new SortedDictionary<string, int>(counts.BySource.ToDictionary(), StringComparer.Ordinal),
            ByPlatform = new SortedDictionary<string, int>(counts.ByPlatform.ToDictionary(), StringComparer.Ordinal),
            BySection = new SortedDictionary<string, int>(counts.BySection.ToDictionary(), StringComparer.Ordinal),
        },
        DatasetHash = hash,
        ExportedAt = _time.GetUtcNow(),
        Filters = new PairDatasetFilters { Platform = request.Platform, Source = request.Source },
    };

    private static async Task WriteMetadataAsync(string path, PairDatasetMetadata metadata, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(file, metadata, PairDatasetJsonContext.Default.PairDatasetMetadata, cancellationToken).ConfigureAwait(false);
            await file.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
    }

    private static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless; the next export uses another name.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
