using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Reasons;
using Ancso.Ml.Sqlite;

namespace Ancso.Ml.Tests.Pairs;

/// <summary>A choice stores the reasons of the comparison the person saw only when they chose the text it preferred.</summary>
public class TrainingSignalRecorderReasonTests : RecorderOverSqlite
{
    [Test]
    public async Task RecordUserChoiceAsync_ChoseTheTextTheComparisonPreferred_StoresHostTagsThenItsFirstTwoReasons()
    {
        var comparison = Comparison(Preference.A, ReasonSource.Model, (ReasonTags.Vague, 0.6), (ReasonTags.Buzzwords, 0.25), (ReasonTags.Padding, 0.1));
        var choice = new UserChoice("linkedin", "headline", "Staff engineer, payments platform", "Rockstar ninja", PairSide.A)
        {
            ReasonTags = ["specificity", ReasonTags.Buzzwords],
            Comparison = comparison,
        };

        var stored = await RecordAsync(choice);

        Assert.That(stored, Is.EqualTo(new[] { "specificity", ReasonTags.Buzzwords, ReasonTags.Vague }), "buzzwords once; padding is the third reason");
    }

    [Test]
    public async Task RecordUserChoiceAsync_ChoseBAsTheComparisonDid_NoHostTags_StoresTheFirstTwoReasons()
    {
        var comparison = Comparison(Preference.B, ReasonSource.Model, (ReasonTags.Typos, 0.5), (ReasonTags.AllCaps, 0.3), (ReasonTags.EmojiNoise, 0.2));
        var choice = new UserChoice("github", "bio", "GO DEV!!! 🚀", "Go developer, maintainer of a CLI toolkit", PairSide.B) { Comparison = comparison };

        var stored = await RecordAsync(choice);

        Assert.That(stored, Is.EqualTo(new[] { ReasonTags.Typos, ReasonTags.AllCaps }));
    }

    [TestCase(PairSide.A, Preference.B)]
    [TestCase(PairSide.B, Preference.A)]
    [TestCase(PairSide.A, Preference.Tie)]
    [TestCase(PairSide.B, Preference.Tie)]
    public async Task RecordUserChoiceAsync_ChoiceAgainstTheComparisonOrATie_StoresOnlyHostTags(PairSide chosen, Preference preferred)
    {
        var comparison = Comparison(preferred, ReasonSource.Model, (ReasonTags.Vague, 0.7), (ReasonTags.Generic, 0.2));
        var choice = new UserChoice("linkedin", "summary", "I help teams ship", "Led the migration of 40 services to Kubernetes", chosen)
        {
            ReasonTags = ["tone"],
            Comparison = comparison,
        };

        var stored = await RecordAsync(choice);

        Assert.That(stored, Is.EqualTo(new[] { "tone" }));
    }

    [Test]
    public async Task RecordUserChoiceAsync_HeuristicComparisonWithMetricReasons_StoresTheMetricNames()
    {
        var comparison = Comparison(Preference.B, ReasonSource.MetricDifferences, (MetricNames.Impact, 0.31), (MetricNames.Clarity, 0.12), (MetricNames.Readability, 0.06));
        var choice = new UserChoice("linkedin", "experience", "Responsible for reports", "Cut reporting time from 3 days to 2 hours", PairSide.B)
        {
            Comparison = comparison,
        };

        var stored = await RecordAsync(choice);

        Assert.That(stored, Is.EqualTo(new[] { MetricNames.Impact, MetricNames.Clarity }));
    }

    [Test]
    public async Task RecordUserChoiceAsync_ComparisonWithoutReasons_StoresOnlyHostTags()
    {
        var comparison = Comparison(Preference.A, ReasonSource.None);
        var choice = new UserChoice("linkedin", "headline", "Engineer, payments", "Engineer", PairSide.A) { ReasonTags = ["shorter"], Comparison = comparison };

        var stored = await RecordAsync(choice);

        Assert.That(stored, Is.EqualTo(new[] { "shorter" }));
    }

    private static ComparisonResult Comparison(Preference preference, ReasonSource source, params (string Tag, double Strength)[] reasons) =>
        new(preference == Preference.A ? 1f : 0f, preference == Preference.B ? 1f : 0f, preference, preference == Preference.Tie ? 0.5 : 0.73, ScoreProvenance.FromModel("v1"))
        {
            Reasons = [.. reasons.Select(r => new ComparisonReason(r.Tag, r.Strength))],
            ReasonSource = source,
        };

    private async Task<IReadOnlyList<string>> RecordAsync(UserChoice choice)
    {
        var recorded = await Recorder.RecordUserChoiceAsync(choice);
        var stored = await Store.GetPairAsync(recorded.PairId);
        Assert.That(stored, Is.Not.Null);
        return stored!.Tags;
    }
}
