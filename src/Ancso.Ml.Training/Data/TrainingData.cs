using System.Security.Cryptography;
using System.Text;
using Ancso.Ml.Features;

namespace Ancso.Ml.Training.Data;

/// <summary>The cleaned pairs, their layout, the dataset's hash and where they came from.</summary>
internal sealed record TrainingData(PairSet Set, FeatureLayout Layout, string DatasetHash, string Source)
{
    /// <summary>Loads the dataset the options name: pairs handed in, or a <c>dataset.jsonl</c> with its <c>metadata.json</c>.</summary>
    public static async Task<TrainingData> LoadAsync(RankerTrainingOptions options, CancellationToken cancellationToken)
    {
        if (options.Pairs is { } pairs)
        {
            return FromPairs(pairs, options.Layout ?? throw new RankerTrainingException(RankerTrainingErrorKind.InvalidOptions,
                "RankerTrainingOptions.Pairs is set but Layout is not; set Layout to the feature layout the pairs were built with (the IFeatureBuilder's Layout).",
                field: nameof(RankerTrainingOptions.Layout)));
        }

        var path = Path.GetFullPath(options.DatasetPath);
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, "dataset.jsonl");
        }

        var metadataPath = Path.Combine(Path.GetDirectoryName(path)!, DatasetMetadata.FileName);
        var metadata = await DatasetMetadata.ReadAsync(metadataPath, cancellationToken).ConfigureAwait(false);
        var builder = new PairSetBuilder(metadata.Layout.Width);
        var hash = await PairDatasetReader.ReadAsync(path, builder, cancellationToken).ConfigureAwait(false);
        var set = builder.Build();
        if (!string.Equals(metadata.DatasetHash, hash, StringComparison.Ordinal))
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{metadataPath} gives dataset_hash {metadata.DatasetHash}, but {path} hashes to {hash}: the dataset changed after it was exported. Export it again.",
                metadataPath, field: "dataset_hash");
        }

        if (metadata.PairCount != set.PairsRead)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{metadataPath} gives pair_count {metadata.PairCount}, but {path} holds {set.PairsRead} pairs. Export the dataset again.",
                metadataPath, field: "pair_count");
        }

        if (set.PairsRead == 0)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{path} holds no pairs. Record or bootstrap pairs (ancso ranker bootstrap), export again, then train.", path);
        }

        return new TrainingData(set, metadata.Layout, hash, path);
    }

    private static TrainingData FromPairs(IReadOnlyList<TrainingPair> pairs, FeatureLayout layout)
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
            var pair = pairs[i] ?? throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"RankerTrainingOptions.Pairs[{i}] is null.", field: nameof(RankerTrainingOptions.Pairs));
            builder.Add(new DataLocation(null, i + 1), pair.PairId, pair.AId, pair.BId, pair.Label, pair.Source, pair.AFeatures.Span, pair.BFeatures.Span);
            hash.AppendData(Encoding.UTF8.GetBytes($"{pair.PairId}\n{pair.AId}\n{pair.BId}\n{pair.Label}\n{pair.Source}\n"));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pair.AFeatures.Span));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pair.BFeatures.Span));
        }

        return new TrainingData(builder.Build(), layout, "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()), "pairs handed in");
    }
}
