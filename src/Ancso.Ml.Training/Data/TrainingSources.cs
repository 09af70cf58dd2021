using System.Security.Cryptography;
using System.Text;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;

namespace Ancso.Ml.Training.Data;

/// <summary>An exported dataset, read by the SDK's one reader into a <see cref="PairSetBuilder"/>.</summary>
internal sealed class DatasetFileSource(string path) : RankerTrainingSource
{
    internal override async Task<TrainingData> LoadAsync(RankerTrainingOptions options, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var metadataPath = Path.Combine(Directory.Exists(full) ? full : Path.GetDirectoryName(full)!, PairDatasetFiles.MetadataFileName);
        PairSetBuilder? builder = null;
        FeatureLayout? layout = null;
        PairDatasetContent content;
        try
        {
            content = await PairDatasetReader.ReadAsync(full, metadata =>
            {
                layout = LayoutOf(metadataPath, metadata);
                return builder = new PairSetBuilder(layout.Width);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            var missing = (ex as FileNotFoundException)?.FileName ?? (layout is null ? metadataPath : full);
            throw string.Equals(missing, metadataPath, StringComparison.Ordinal) || layout is null
                ? new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                    $"{metadataPath} does not exist. The trainer needs the metadata.json that the exporter writes beside the dataset (it names the dataset file, the embedding generator, its dimension and the metric order); export the dataset again.",
                    metadataPath, innerException: ex)
                : new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                    $"The dataset {missing} does not exist. Export one first (ancso ranker export) or set RankerTrainingOptions.DatasetPath.", missing, innerException: ex);
        }
        catch (PairDatasetFormatException ex)
        {
            var message = ex.Message.Contains("xport", StringComparison.Ordinal) ? ex.Message : ex.Message + " Export the dataset again.";
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData, message, ex.FilePath, ex.LineNumber, ex.Field, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData, $"{full} could not be read: {ex.Message}", full, innerException: ex);
        }

        var set = builder!.Build(options);
        if (set.PairsRead == 0)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{content.DatasetPath} holds no pairs. Record or bootstrap pairs (ancso ranker bootstrap), export again, then train.", content.DatasetPath);
        }

        return new TrainingData(set, layout!, content.Hash, content.DatasetPath)
        {
            Fingerprint = content.Metadata.SourceStore?.ToFingerprint(content.Metadata.Filters),
        };
    }

    private static FeatureLayout LayoutOf(string metadataPath, PairDatasetMetadata metadata)
    {
        try
        {
            return new FeatureLayout(metadata.EmbeddingGeneratorId, metadata.EmbeddingDimension, [.. metadata.MetricNames]);
        }
        catch (ArgumentException ex)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{metadataPath}: 'metric_names' {ex.Message} Export the dataset again.", metadataPath, field: "metric_names", innerException: ex);
        }
    }
}

/// <summary>The pair store, streamed through <see cref="PairStoreDatasetReader"/>; hashed as its compact export would be.</summary>
internal sealed class PairStoreSource(IPairStore store, IFeatureBuilder features, PairFilter filter) : RankerTrainingSource
{
    /// <summary>Pairs read from the store per batch.</summary>
    internal const int PairBatchSize = 256;

    /// <summary>Items featurized per call of the feature builder.</summary>
    internal const int EmbeddingBatchSize = 64;

    internal override async Task<TrainingData> LoadAsync(RankerTrainingOptions options, CancellationToken cancellationToken)
    {
        var layout = features.Layout;
        var builder = new PairSetBuilder(layout.Width);
        var fingerprint = await store.GetFingerprintAsync(filter, cancellationToken).ConfigureAwait(false);
        var counts = await store.CountPairsAsync(filter, cancellationToken).ConfigureAwait(false);
        var items = await store.CountItemsAsync(filter.Platform, cancellationToken: cancellationToken).ConfigureAwait(false);
        builder.Reserve(items, counts.Total);
        using var writer = new CompactDatasetWriter(Stream.Null, layout.Width);
        var reader = new PairStoreDatasetReader(store, features, PairBatchSize, EmbeddingBatchSize);
        await reader.ReadAsync(filter, fingerprint.MaxSequence, writer, builder, progress: null, cancellationToken).ConfigureAwait(false);
        var hash = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        var set = builder.Build(options);
        if (set.PairsRead == 0)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"The pair store holds no pairs matching {filter}. Record or bootstrap pairs (ancso ranker bootstrap), then train.");
        }

        return new TrainingData(set, layout, hash, PairStoreDatasetReader.SourceName) { Fingerprint = fingerprint };
    }
}

/// <summary>Pairs handed in, with their layout.</summary>
internal sealed class PairsSource(IReadOnlyList<TrainingPair> pairs, FeatureLayout layout) : RankerTrainingSource
{
    internal override Task<TrainingData> LoadAsync(RankerTrainingOptions options, CancellationToken cancellationToken)
    {
        if (pairs.Count == 0)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                "RankerTrainingOptions.Pairs holds no pairs; hand in at least one labelled pair.", field: nameof(RankerTrainingOptions.Pairs));
        }

        var builder = new PairSetBuilder(layout.Width);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < pairs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pair = pairs[i] ?? throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"RankerTrainingOptions.Pairs[{i}] is null.", field: nameof(RankerTrainingOptions.Pairs));
            builder.Add(new DatasetPosition(null, DatasetUnit.Pair, i + 1), pair.PairId, pair.AId, pair.BId, pair.Label, pair.Source, pair.Rater, pair.AFeatures.Span, pair.BFeatures.Span, pair.Tags);
            hash.AppendData(Encoding.UTF8.GetBytes(pair.Rater is null
                ? $"{pair.PairId}\n{pair.AId}\n{pair.BId}\n{pair.Label}\n{pair.Source}\n"
                : $"{pair.PairId}\n{pair.AId}\n{pair.BId}\n{pair.Label}\n{pair.Source}\n{pair.Rater}\n"));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pair.AFeatures.Span));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pair.BFeatures.Span));
        }

        return Task.FromResult(new TrainingData(builder.Build(options), layout, PairDatasetFiles.HashPrefix + Convert.ToHexStringLower(hash.GetHashAndReset()), "pairs handed in"));
    }
}
