using System.Text;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Makes labelled training pairs from the benchmark corpus, without side effects: every benchmark text against each of
/// its degraded variants (the original is better by construction), plus a minority of pairs across different texts of
/// one section whose heuristic scores differ by a large margin. Deterministic for a seed.
/// </summary>
internal sealed class BootstrapPairGenerator
{
    /// <summary>
    /// The default smallest heuristic margin for a cross-text pair: 0.15. The heuristic
    /// (<c>clarity·0.3 + impact·0.4 + keyword_score·0.3</c>) is a weighted mean of three metrics in [0, 1], so 0.15 is
    /// 15% of its whole range: impact alone would have to differ by 0.375, or all three metrics by 0.15 in the same
    /// direction. Small differences between two good texts are mostly the heuristic's own noise, and a model trained on
    /// them would learn to imitate the heuristic rather than quality; a margin this large keeps only clear differences,
    /// and still leaves enough candidates among some sixty profiles per platform for the capped cross-text share.
    /// </summary>
    public const float DefaultCrossTextMinimumMargin = 0.15f;

    /// <summary>
    /// The default largest share of cross-text pairs: 0, chosen by measurement. Their labels come from the heuristic,
    /// which trusts numbers and keywords; on the judged pairs (bootstrap only, 200 pairs per platform, 5 folds × 3 seeds)
    /// a share of 0.2 gave 0.843, 0.1 and 0.05 gave 0.897 and none gave 0.911 (docs/bootstrap.md).
    /// </summary>
    public const double DefaultCrossTextShare = 0;

    /// <summary>The largest cross-text share a request may ask for: 0.5 (degradation pairs, whose labels are certain, stay the majority).</summary>
    public const double MaximumCrossTextShare = 0.5;

    /// <summary>The smallest result on which an unbalanced figure is reported as a warning: 20 pairs.</summary>
    public const int BalanceWarningMinimumPairs = 20;

    private readonly IContentMetricsAnalyzer _analyzer;
    private readonly BenchmarkProfiles _corpus;
    private readonly float _crossTextMinimumMargin;
    private readonly IReadOnlyList<ITextDegradation> _degradations;

    /// <summary>Creates a generator.</summary>
    /// <param name="analyzer">Computes the metrics behind the heuristic margin of cross-text pairs.</param>
    /// <param name="corpus">The benchmark profiles; default: <see cref="BenchmarkProfiles.Embedded"/>.</param>
    /// <param name="crossTextMinimumMargin">The smallest heuristic margin for a cross-text pair; default <see cref="DefaultCrossTextMinimumMargin"/>.</param>
    /// <param name="degradations">The degradations; default: <see cref="TextDegradations.All"/>.</param>
    public BootstrapPairGenerator(
        IContentMetricsAnalyzer analyzer,
        BenchmarkProfiles? corpus = null,
        float crossTextMinimumMargin = DefaultCrossTextMinimumMargin,
        IReadOnlyList<ITextDegradation>? degradations = null)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(crossTextMinimumMargin);
        _analyzer = analyzer;
        _corpus = corpus ?? BenchmarkProfiles.Embedded;
        _crossTextMinimumMargin = crossTextMinimumMargin;
        _degradations = degradations ?? TextDegradations.All;
    }

    /// <summary>Makes up to <paramref name="pairCount"/> pairs for a platform.</summary>
    /// <param name="platform">The platform, for example <see cref="ContentPlatforms.GitHub"/>.</param>
    /// <param name="pairCount">How many pairs to make; at least 1.</param>
    /// <param name="seed">The seed; the same seed gives the same pairs.</param>
    /// <param name="crossTextShare">The largest share of cross-text pairs, in [0, <see cref="MaximumCrossTextShare"/>]; default <see cref="DefaultCrossTextShare"/>.</param>
    /// <returns>The pairs, counts, balance and any shortfall.</returns>
    /// <exception cref="ArgumentException">The corpus has no profiles for <paramref name="platform"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pairCount"/> is below 1, or <paramref name="crossTextShare"/> is outside its range.</exception>
    public BootstrapResult Generate(string platform, int pairCount, int seed, double crossTextShare = DefaultCrossTextShare)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pairCount);
        if (!(crossTextShare is >= 0 and <= MaximumCrossTextShare))
        {
            throw new ArgumentOutOfRangeException(nameof(crossTextShare), crossTextShare, $"The cross-text share must be in [0, {MaximumCrossTextShare}].");
        }

        var profiles = _corpus.GetProfiles(platform);
        var sections = ContentSections.ForPlatform(platform);
        var seen = new HashSet<(string, string)>();
        var degraded = DegradationCandidates(profiles, sections, seed, seen);
        var cross = crossTextShare > 0 ? CrossTextCandidates(platform, profiles, sections, seen) : [];

        var all = new BootstrapSelector(new Random(seed), crossTextShare).Select(degraded, cross, int.MaxValue);
        var available = all.Count;
        var chosen = all.Take(pairCount).ToList();
        var pairs = AssignSides(platform, chosen, new Random(seed));
        var crossUsed = all.Count(c => c.Kind == BootstrapPairKinds.CrossText);
        var result = new BootstrapResult(platform, seed, pairCount, available, pairs)
        {
            Shortfall = pairCount > available
                ? $"Requested {pairCount} {platform} pairs, but the benchmark corpus yields only {available} distinct pairs that keep labels, "
                  + $"lengths, digit counts and keyword scores balanced ({available - crossUsed} from {degraded.Count} degradation candidates and {crossUsed} from "
                  + $"{cross.Count} cross-text candidates, which are capped at {crossTextShare:P0} of the pairs); produced {pairs.Count}. "
                  + $"Request at most {available} pairs, or add pairs from another source."
                : null,
        };
        return result with { Warnings = BalanceWarnings(result.Balance) };
    }

    private List<BootstrapCandidate> DegradationCandidates(
        IReadOnlyList<BenchmarkProfile> profiles, IReadOnlyList<string> sections, int seed, HashSet<(string, string)> seen)
    {
        var candidates = new List<BootstrapCandidate>();
        foreach (var profile in profiles)
        {
            foreach (var section in sections)
            {
                var texts = profile.GetTexts(section);
                for (var index = 0; index < texts.Count; index++)
                {
                    foreach (var degradation in _degradations)
                    {
                        var random = new Random(StableSeed(seed, profile.Id, section, index, degradation.Tag));
                        var outcome = TextDegradations.Apply(degradation, texts[index], section, random);
                        if (!outcome.Applied)
                        {
                            continue;
                        }

                        var candidate = new BootstrapCandidate(section, texts[index], outcome.Text!, degradation.Tag, BootstrapPairKinds.Degradation, [profile.Id], null);
                        if (seen.Add(candidate.Key))
                        {
                            candidates.Add(candidate);
                        }
                    }
                }
            }
        }

        return candidates;
    }

    private List<BootstrapCandidate> CrossTextCandidates(
        string platform, IReadOnlyList<BenchmarkProfile> profiles, IReadOnlyList<string> sections, HashSet<(string, string)> seen)
    {
        var candidates = new List<BootstrapCandidate>();
        foreach (var section in sections)
        {
            var scored = new List<(string Profile, string Text, float Score)>();
            foreach (var profile in profiles)
            {
                foreach (var text in profile.GetTexts(section))
                {
                    var score = HeuristicScorer.Score(_analyzer.Analyze(platform, section, text));
                    if (!float.IsFinite(score))
                    {
                        throw new InvalidOperationException(
                            $"The metrics analyzer {_analyzer.GetType().Name} gave a non-finite heuristic score for benchmark profile '{profile.Id}' ({section}). Analyzers must return finite metrics in [0, 1].");
                    }

                    scored.Add((profile.Id, text, score));
                }
            }

            for (var i = 0; i < scored.Count; i++)
            {
                for (var j = i + 1; j < scored.Count; j++)
                {
                    var (a, b) = (scored[i], scored[j]);
                    var margin = Math.Abs(a.Score - b.Score);
                    if (string.Equals(a.Profile, b.Profile, StringComparison.Ordinal) || margin < _crossTextMinimumMargin)
                    {
                        continue;
                    }

                    var (better, worse) = a.Score > b.Score ? (a, b) : (b, a);
                    var candidate = new BootstrapCandidate(section, better.Text, worse.Text, DegradationTags.HeuristicMargin, BootstrapPairKinds.CrossText, [better.Profile, worse.Profile], margin);
                    if (seen.Add(candidate.Key))
                    {
                        candidates.Add(candidate);
                    }
                }
            }
        }

        return candidates;
    }

    private static List<BootstrapPair> AssignSides(string platform, List<BootstrapCandidate> chosen, Random random)
    {
        var labels = Enumerable.Range(0, chosen.Count).Select(i => i < chosen.Count / 2 ? 1 : -1).ToArray();
        if (chosen.Count % 2 == 1)
        {
            labels[^1] = random.Next(2) == 0 ? 1 : -1;
        }

        random.Shuffle(labels);
        var pairs = new List<BootstrapPair>(chosen.Count);
        for (var i = 0; i < chosen.Count; i++)
        {
            var c = chosen[i];
            var (a, b) = labels[i] > 0 ? (c.Better, c.Worse) : (c.Worse, c.Better);
            pairs.Add(new BootstrapPair(platform, c.Section, a, b, labels[i], [c.Tag], c.Kind, c.ProfileIds) { HeuristicMargin = c.Margin });
        }

        var order = pairs.ToArray();
        random.Shuffle(order);
        return [.. order];
    }

    private static List<string> BalanceWarnings(BootstrapBalance balance)
    {
        var warnings = new List<string>();
        if (balance.Pairs < BalanceWarningMinimumPairs || balance.IsBalanced)
        {
            return warnings;
        }

        warnings.Add($"The bootstrap pairs are not balanced ({balance}); each share should lie between {BootstrapBalance.Lowest:P0} and {BootstrapBalance.Highest:P0}, or a model may learn length, digit count or keyword score instead of quality.");
        return warnings;
    }

    /// <summary>A seed for one text and degradation that is stable across processes and .NET versions (FNV-1a over the parts).</summary>
    internal static int StableSeed(int seed, string profileId, string section, int index, string tag)
    {
        const uint offset = 2166136261;
        const uint prime = 16777619;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seed}\u001f{profileId}\u001f{section}\u001f{index}\u001f{tag}")))
        {
            hash = (hash ^ b) * prime;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
