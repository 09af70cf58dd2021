using System.Runtime.CompilerServices;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>Reads <c>dataset.jsonl</c> line by line with <see cref="PairDatasetLineParser"/>, into a sink or as rows.</summary>
internal static class JsonlDatasetReader
{
    /// <summary>
    /// Reads the whole file into <paramref name="sink"/>; returns the hash of its bytes and its pair count. The sink is told
    /// to expect <paramref name="expectedPairs"/> (the metadata's count), never more than the file can hold: a wrong count
    /// is the caller's to report once the file is read, after any malformed line has been named.
    /// </summary>
    public static async Task<(string Hash, int Pairs)> ReadAsync(string path, int? width, IPairDatasetSink sink, int expectedPairs, int maxLineBytes, CancellationToken cancellationToken)
    {
        var lines = new JsonlLineSource(path, maxLineBytes, hash: true);
        await using (lines.ConfigureAwait(false))
        {
            // A line holds at least a digit and a comma per value of both vectors.
            var most = width is { } w ? lines.Length / (4L * w) : expectedPairs;
            sink.Reserve(-1, (int)Math.Min(expectedPairs, most));
            var parser = new PairDatasetLineParser(path, width);
            var pairs = 0;
            while (await lines.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                while (lines.TryTakeLine(out var offset, out var length))
                {
                    Add(parser, lines.Line, lines.Buffer.AsSpan(offset, length), sink);
                    pairs++;
                }
            }

            return (lines.CompleteHash(), pairs);
        }
    }

    /// <summary>Streams the rows, each with its own copies of the vectors; one line is held in memory at a time.</summary>
    public static async IAsyncEnumerable<PairDatasetRow> ReadRowsAsync(string path, int? width, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = new JsonlLineSource(path, maxLineBytes, hash: false);
        await using (lines.ConfigureAwait(false))
        {
            var parser = new PairDatasetLineParser(path, width);
            while (await lines.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                while (lines.TryTakeLine(out var offset, out var length))
                {
                    yield return ToRow(parser, lines.Line, lines.Buffer.AsSpan(offset, length));
                }
            }
        }
    }

    private static void Add(PairDatasetLineParser parser, long line, ReadOnlySpan<byte> bytes, IPairDatasetSink sink)
    {
        var row = parser.Parse(line, bytes, withTags: true);
        var at = new DatasetPosition(parser.Path, DatasetUnit.Line, line);
        var a = sink.AddItem(at, "a_features", row.AId, parser.A);
        var b = sink.AddItem(at, "b_features", row.BId, parser.B);
        sink.AddPair(at, row.PairId, a, b, row.Label, row.Source, row.Rater, (IReadOnlyList<string>?)row.Tags ?? []);
    }

    private static PairDatasetRow ToRow(PairDatasetLineParser parser, long line, ReadOnlySpan<byte> bytes)
    {
        var row = parser.Parse(line, bytes, withTags: true);
        return new PairDatasetRow
        {
            LineNumber = line,
            PairId = row.PairId,
            AId = row.AId,
            BId = row.BId,
            Platform = row.Platform,
            Section = row.Section,
            Label = row.Label,
            Source = row.Source,
            Tags = row.Tags!,
            Rater = row.Rater,
            CreatedAt = row.CreatedAt,
            AFeatures = parser.A.ToArray(),
            BFeatures = parser.B.ToArray(),
        };
    }
}
