using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Reasons;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Tests.Inference;

/// <summary>
/// The reasons a comparison gives: from the model's reason output when it has one, from the metric differences with
/// heuristic scores, none for a tie or an older model; metadata that cannot name the reason output's tags is refused.
/// </summary>
public class RankerInferenceServiceReasonTests
{
    private static readonly string[] Texts =
    [
        "Senior .NET engineer building low-latency ranking services in C# and ONNX Runtime",
        "Hard-working team player passionate about synergy",
        "Cut p99 latency 40% by rewriting the scoring path; led a team of 5",
        "Ingénieur logiciel — systèmes distribués, Kubernetes, Go",
        "results-driven ninja rockstar guru",
    ];

    [Test]
    public async Task CompareAsync_ModelWithReasonOutput_FirstReasonIsTheLargestLoserMinusWinnerOutput()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 21, reasons: true);
        var service = folder.CreateService();

        for (var i = 0; i < Texts.Length - 1; i++)
        {
            var a = TestModelFolder.Item("a", Texts[i]);
            var b = TestModelFolder.Item("b", Texts[i + 1]);
            var result = await service.CompareAsync(a, b);

            var (scoreA, reasonsA) = await ExpectedWithReasonsAsync(folder, weights, a);
            var (scoreB, reasonsB) = await ExpectedWithReasonsAsync(folder, weights, b);
            Assert.That(result.AScore, Is.EqualTo(scoreA).Within(1e-5), Texts[i]);
            Assert.That(result.BScore, Is.EqualTo(scoreB).Within(1e-5), Texts[i]);
            Assert.That(result.Preference, Is.EqualTo(scoreA > scoreB ? Preference.A : Preference.B));
            var (winner, loser) = result.Preference == Preference.A ? (reasonsA, reasonsB) : (reasonsB, reasonsA);
            var difference = winner.Zip(loser, (w, l) => (double)l - w).ToArray();
            var largest = Array.IndexOf(difference, difference.Max());
            var softmaxOfLargest = 1 / difference.Sum(d => Math.Exp(d - difference[largest]));

            Assert.That(result.ReasonSource, Is.EqualTo(ReasonSource.Model), Texts[i]);
            Assert.That(result.Reasons, Has.Count.InRange(1, 3), Texts[i]);
            Assert.That(result.Reasons[0].Tag, Is.EqualTo(ReasonTags.All[largest]), Texts[i]);
            Assert.That(result.Reasons[0].Strength, Is.EqualTo(softmaxOfLargest).Within(2e-4), Texts[i]);
            Assert.That(result.Reasons.Select(r => r.Strength), Is.Ordered.Descending, Texts[i]);
            Assert.That(result.Reasons.Select(r => r.Tag), Is.All.Matches<string>(t => ReasonTags.Contains(t)), Texts[i]);
            Assert.That(result.Reasons.Select(r => r.Tag), Is.Unique, Texts[i]);
            Assert.That(result.Reasons.Skip(1).Select(r => r.Strength), Is.All.GreaterThanOrEqualTo(ReasonMath.MinStrength), Texts[i]);
        }
    }

    [Test]
    public async Task CompareAsync_ModelWithReasonOutput_ScoresEqualTheSameNetworkWithoutOne()
    {
        using var withReasons = new TestModelFolder();
        using var without = new TestModelFolder();
        var weights = await withReasons.StoreAsync("v1", seed: 22, reasons: true);
        var plain = await without.StoreAsync("v1", seed: 22);
        var service = withReasons.CreateService();
        var plainService = without.CreateService();
        Assert.That(plain.Layers.Select(l => l.WeightArray), Is.EqualTo(weights.Layers.Select(l => l.WeightArray)), "the same score layers");
        var items = Texts.Select((t, i) => TestModelFolder.Item("i" + i, t)).ToList();

        var comparison = await service.CompareAsync(items[0], items[2]);
        var plainComparison = await plainService.CompareAsync(items[0], items[2]);
        var ranking = await service.RankAsync(items);
        var plainRanking = await plainService.RankAsync(items);

        Assert.That(comparison.AScore, Is.EqualTo(plainComparison.AScore));
        Assert.That(comparison.BScore, Is.EqualTo(plainComparison.BScore));
        Assert.That(comparison.Confidence, Is.EqualTo(plainComparison.Confidence));
        Assert.That(comparison.ReasonSource, Is.EqualTo(ReasonSource.Model));
        Assert.That(plainComparison.ReasonSource, Is.EqualTo(ReasonSource.None));
        Assert.That(plainComparison.Reasons, Is.Empty);
        Assert.That(ranking.Items.Select(r => (r.Item.Id, r.Score)), Is.EqualTo(plainRanking.Items.Select(r => (r.Item.Id, r.Score))));
        foreach (var item in items)
        {
            var score = await service.ScoreItemAsync(item);
            Assert.That(score.Score, Is.EqualTo((await plainService.ScoreItemAsync(item)).Score), item.Text);
            Assert.That(score.Score, Is.EqualTo(await withReasons.ExpectedScoreAsync(weights, item)).Within(1e-5), item.Text);
            Assert.That(score.Provenance, Is.EqualTo(ScoreProvenance.FromModel("v1")));
        }
    }

    [Test]
    public async Task CompareAsync_ModelWithoutReasonOutput_NoReasonsAndScoresOfTheNetwork()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("old", seed: 23);
        var service = folder.CreateService();
        var a = TestModelFolder.Item("a", Texts[0]);
        var b = TestModelFolder.Item("b", Texts[1]);

        var result = await service.CompareAsync(a, b);

        Assert.That(result.Provenance, Is.EqualTo(ScoreProvenance.FromModel("old")));
        Assert.That(result.AScore, Is.EqualTo(await folder.ExpectedScoreAsync(weights, a)).Within(1e-5));
        Assert.That(result.BScore, Is.EqualTo(await folder.ExpectedScoreAsync(weights, b)).Within(1e-5));
        Assert.That(result.Preference, Is.Not.EqualTo(Preference.Tie));
        Assert.That(result.Reasons, Is.Empty);
        Assert.That(result.ReasonSource, Is.EqualTo(ReasonSource.None));
    }

    [Test]
    public async Task CompareAsync_NoModel_ReasonsAreTheMetricsTheWinnerScoresHigherOn()
    {
        using var folder = new TestModelFolder();
        var service = folder.CreateService();
        var checkedAny = 0;

        for (var i = 0; i < Texts.Length - 1; i++)
        {
            var a = TestModelFolder.Item("a", Texts[i]);
            var b = TestModelFolder.Item("b", Texts[i + 1]);
            var result = await service.CompareAsync(a, b);

            Assert.That(result.Provenance.Reason, Is.EqualTo(FallbackReason.NoModel));
            var metricsA = folder.Features.GetMetrics(a);
            var metricsB = folder.Features.GetMetrics(b);
            Assert.That(result.AScore, Is.EqualTo(HeuristicScorer.Score(metricsA)));
            Assert.That(result.Preference, Is.Not.EqualTo(Preference.Tie), Texts[i]);
            var (winner, loser) = result.Preference == Preference.A ? (metricsA, metricsB) : (metricsB, metricsA);
            var expected = MetricNames.All
                .Select(name => (Tag: name, Strength: Math.Round((double)winner[name] - loser[name], 4)))
                .Where(r => r.Strength > 0.01)
                .OrderByDescending(r => r.Strength)
                .Take(ReasonMath.MaxReasons)
                .Where((r, k) => k == 0 || r.Strength >= ReasonMath.MinStrength)
                .ToList();

            Assert.That(result.ReasonSource, Is.EqualTo(ReasonSource.MetricDifferences), Texts[i]);
            Assert.That(result.Reasons.Select(r => r.Tag), Is.EqualTo(expected.Select(r => r.Tag)), Texts[i]);
            Assert.That(result.Reasons.Select(r => r.Strength), Is.EqualTo(expected.Select(r => r.Strength)).Within(1e-4), Texts[i]);
            Assert.That(result.Reasons.Select(r => r.Tag), Is.SubsetOf(MetricNames.All));
            checkedAny += result.Reasons.Count;
        }

        Assert.That(checkedAny, Is.GreaterThan(0), "some comparison gave metric reasons");
    }

    [Test]
    public async Task CompareAsync_SameTextTwice_NoReasonsWithOrWithoutModel()
    {
        using var folder = new TestModelFolder();
        var heuristic = await folder.CreateService().CompareAsync(TestModelFolder.Item("a", Texts[2]), TestModelFolder.Item("b", Texts[2]));
        await folder.StoreAsync("v1", seed: 24, reasons: true);
        var model = await folder.CreateService().CompareAsync(TestModelFolder.Item("a", Texts[2]), TestModelFolder.Item("b", Texts[2]));

        Assert.That(heuristic.Preference, Is.EqualTo(Preference.Tie));
        Assert.That(heuristic.Provenance.Kind, Is.EqualTo(ProvenanceKind.Heuristic));
        Assert.That(heuristic.Reasons, Is.Empty);
        Assert.That(heuristic.ReasonSource, Is.EqualTo(ReasonSource.None));
        Assert.That(model.Preference, Is.EqualTo(Preference.Tie));
        Assert.That(model.Provenance, Is.EqualTo(ScoreProvenance.FromModel("v1")));
        Assert.That(model.Reasons, Is.Empty);
        Assert.That(model.ReasonSource, Is.EqualTo(ReasonSource.None));
    }

    [Test]
    public async Task ActiveModel_UnknownReasonTag_HeuristicBecauseMetadataMismatchNamingTheTag()
    {
        var status = await HeuristicWithMetricReasonsAsync(reasons: true, m => m.ReasonTags![3] = "charisma");

        Assert.That(status.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(status.Detail, Does.Contain("reason_tags[3]").And.Contain("'charisma'").And.Contain(ModelFileNames.Metadata("v1")));
    }

    [Test]
    public async Task ActiveModel_DuplicatedReasonTag_HeuristicBecauseModelCorrupt()
    {
        var status = await HeuristicWithMetricReasonsAsync(reasons: true, m => m.ReasonTags![5] = ReasonTags.Vague);

        Assert.That(status.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Detail, Does.Contain("reason_tags[5]").And.Contain("'vague' appears twice"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ActiveModel_OnlyOneOfTheReasonFields_HeuristicBecauseModelCorrupt(bool keepName)
    {
        var status = await HeuristicWithMetricReasonsAsync(reasons: true, m =>
        {
            if (keepName)
            {
                m.ReasonTags = null;
            }
            else
            {
                m.ReasonOutputName = null;
            }
        });

        Assert.That(status.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Detail, Does.Contain("'reason_output_name' and 'reason_tags'").And.Contain("or neither"));
    }

    [Test]
    public async Task ActiveModel_ReasonOutputNamedAsTheScore_HeuristicBecauseModelCorrupt()
    {
        var status = await HeuristicWithMetricReasonsAsync(reasons: true, m => m.ReasonOutputName = m.OutputName);

        Assert.That(status.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Detail, Does.Contain("names 'score' as both the score and the reason output"));
    }

    [Test]
    public async Task ActiveModel_FewerReasonTagsThanOutputs_HeuristicBecauseMetadataMismatch()
    {
        var status = await HeuristicWithMetricReasonsAsync(reasons: true, m => m.ReasonTags = [.. ReasonTags.All.Take(26)]);

        Assert.That(status.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(status.Detail, Does.Contain("reason output 'reasons'").And.Contain("26 reason tags need float32 [N, 26]"));
    }

    [Test]
    public async Task ActiveModel_ReasonOutputAbsentFromTheOnnxFile_HeuristicBecauseMetadataMismatch()
    {
        var status = await HeuristicWithMetricReasonsAsync(reasons: false, m =>
        {
            m.ReasonOutputName = OnnxModelWriter.ReasonOutputName;
            m.ReasonTags = [.. ReasonTags.All];
        });

        Assert.That(status.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(status.Detail, Does.Contain("the metadata names the reason output 'reasons'").And.Contain("[score]"));
    }

    [Test]
    public async Task ActiveModel_TenThousandReasonTags_HeuristicBecauseModelCorrupt()
    {
        var status = await HeuristicWithMetricReasonsAsync(reasons: true,
            m => m.ReasonTags = [.. Enumerable.Range(0, 10_000).Select(i => ReasonTags.All[i % ReasonTags.All.Count])]);

        Assert.That(status.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Detail, Does.Contain("'reason_tags' (1 to 256 tags)"));
    }

    private static async Task<(float Score, float[] Reasons)> ExpectedWithReasonsAsync(TestModelFolder folder, MlpWeights weights, ContentItem item)
    {
        var (features, _) = await folder.Features.BuildAsync(item);
        return weights.ScoreWithReasons(features);
    }

    /// <summary>
    /// Stores a model whose metadata <paramref name="edit"/> spoils, makes it the active one by hand (activation would
    /// refuse it), and checks the service falls back to the heuristic, whose comparisons give metric reasons.
    /// </summary>
    private static async Task<ScoreProvenance> HeuristicWithMetricReasonsAsync(bool reasons, Action<ModelMetadata> edit)
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 25, activate: false, edit: edit, reasons: reasons);
        await folder.PointAtAsync("v1");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();
        var comparison = await service.CompareAsync(TestModelFolder.Item("a", Texts[0]), TestModelFolder.Item("b", Texts[1]));

        Assert.That(status.ActiveModel, Is.Null);
        Assert.That(comparison.Provenance.Kind, Is.EqualTo(ProvenanceKind.Heuristic));
        Assert.That(comparison.Provenance.Reason, Is.EqualTo(status.Provenance.Reason));
        Assert.That(comparison.ReasonSource, Is.EqualTo(ReasonSource.MetricDifferences));
        Assert.That(comparison.Reasons, Is.Not.Empty);
        Assert.That(comparison.Reasons.Select(r => r.Tag), Is.SubsetOf(MetricNames.All));
        Assert.That(status.Provenance.Detail, Does.Not.Contain(folder.Root));
        return status.Provenance;
    }
}
