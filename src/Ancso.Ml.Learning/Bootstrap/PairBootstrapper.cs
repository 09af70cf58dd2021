using System.Security.Cryptography;
using System.Text;
using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>Generates bootstrap pairs with <see cref="BootstrapPairGenerator"/> and stores them through the recorder.</summary>
internal sealed class PairBootstrapper : IPairBootstrapper
{
    private const int BatchSize = 100;
    private readonly BootstrapPairGenerator _generator;
    private readonly ITrainingSignalRecorder _recorder;

    public PairBootstrapper(IContentMetricsAnalyzer analyzer, ITrainingSignalRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(recorder);
        _generator = new BootstrapPairGenerator(analyzer);
        _recorder = recorder;
    }

    public async Task<PairBootstrapOutcome> BootstrapAsync(
        PairBootstrapRequest request, IProgress<PairBootstrapProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ContentPlatforms.All.Contains(request.Platform, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"There are no benchmark profiles for platform '{request.Platform}'; use one of: {string.Join(", ", ContentPlatforms.All)}.", nameof(request));
        }

        if (request.PairCount <= 0)
        {
            throw new ArgumentException($"The pair count must be positive; it is {request.PairCount}.", nameof(request));
        }

        if (!(request.CrossTextShare is >= 0 and <= BootstrapPairGenerator.MaximumCrossTextShare))
        {
            throw new ArgumentException(
                $"The cross-text share must be between 0 and {BootstrapPairGenerator.MaximumCrossTextShare.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it is {request.CrossTextShare.ToString(System.Globalization.CultureInfo.InvariantCulture)}.",
                nameof(request));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var generated = _generator.Generate(request.Platform, request.PairCount, request.Seed, request.CrossTextShare);
        var pairs = generated.Pairs.Select(ToNewPair).ToList();
        var added = 0;
        progress?.Report(new PairBootstrapProgress(0, pairs.Count));
        for (var start = 0; start < pairs.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = pairs.GetRange(start, Math.Min(BatchSize, pairs.Count - start));
            added += await _recorder.AddPairsAsync(batch, cancellationToken).ConfigureAwait(false);
            progress?.Report(new PairBootstrapProgress(start + batch.Count, pairs.Count));
        }

        return new PairBootstrapOutcome(generated, added);
    }

    private static NewPair ToNewPair(BootstrapPair pair) =>
        new(pair.Platform, pair.Section, pair.TextA, pair.TextB, pair.Label > 0 ? PairSide.A : PairSide.B, PairSources.Bootstrap)
        {
            Id = ContentId(pair),
            Tags = [.. pair.Tags.Append(pair.Kind).Distinct(StringComparer.Ordinal)],
        };

    /// <summary>An id from the pair's content, so that bootstrapping again never duplicates a pair.</summary>
    private static string ContentId(BootstrapPair pair)
    {
        var text = string.Join('\u001f', pair.Platform, pair.Section, pair.TextA, pair.TextB, pair.Label > 0 ? "a" : "b");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "bootstrap:" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
