using System.Text.Json;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Influence;

namespace Ancso.Ml.Tests.Pairs.Influence;

public class InfluenceReportTests
{
    private static readonly string[] Names =
    [
        "max_rater_share", "trust_unattributed", "votes", "human_votes", "unattributed_votes", "raters", "capped_raters",
        "largest_share_before", "largest_share_after", "human_weight_before", "human_weight_after", "votes_superseded",
        "pairs_merged", "votes_merged", "votes_outvoted", "pairs_tied", "votes_tied", "pairs_kept",
    ];

    private static InfluenceReport Sample()
    {
        var votes = new List<PairVote>
        {
            new(0, 1, 1, PairSources.UserChoice, "r_00000000000000000000000000000001"),
            new(0, 1, -1, PairSources.UserChoice, "r_00000000000000000000000000000001"),
            new(2, 3, 1, PairSources.UserChoice, "r_00000000000000000000000000000002"),
            new(3, 2, -1, PairSources.Manual, "r_00000000000000000000000000000003"),
            new(4, 5, 1, PairSources.UserChoice, null),
            new(4, 5, -1, PairSources.UserChoice, "r_00000000000000000000000000000004"),
            new(6, 7, 1, PairSources.Bootstrap, null),
        };
        votes.AddRange(Enumerable.Range(0, 40).Select(i => new PairVote(100 + (2 * i), 101 + (2 * i), 1, PairSources.UserChoice, "r_0000000000000000000000000000000f")));
        return InfluenceLimiter.Apply(votes, new InfluenceLimitOptions(), s => s == PairSources.Bootstrap ? 1 : 10).Report;
    }

    [Test]
    public void WriteTo_Report_WritesEveryFigureUnderItsSnakeCaseName()
    {
        var report = Sample();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            report.WriteTo(writer);
        }

        using var json = JsonDocument.Parse(buffer.ToArray());
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(Names));
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("votes").GetInt32(), Is.EqualTo(47));
            Assert.That(root.GetProperty("votes_superseded").GetInt32(), Is.EqualTo(report.VotesSuperseded).And.EqualTo(1));
            Assert.That(root.GetProperty("pairs_tied").GetInt32(), Is.EqualTo(report.PairsTied).And.EqualTo(1));
            Assert.That(root.GetProperty("capped_raters").GetInt32(), Is.EqualTo(report.CappedRaters).And.GreaterThan(0));
            Assert.That(root.GetProperty("largest_share_after").GetDouble(), Is.EqualTo(report.LargestShareAfter));
            Assert.That(root.GetProperty("trust_unattributed").GetBoolean(), Is.False);
        });
    }

    [Test]
    public void FromJson_WhatWriteToWrote_GivesTheSameReport()
    {
        var report = Sample();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            report.WriteTo(writer);
        }

        using var json = JsonDocument.Parse(buffer.ToArray());
        var read = InfluenceReport.FromJson(json.RootElement);

        Assert.That(JsonSerializer.Serialize(read), Is.EqualTo(JsonSerializer.Serialize(report)));
        Assert.That(read.VotesDropped, Is.EqualTo(report.VotesDropped).And.EqualTo(report.Votes - report.PairsKept));
    }

    [Test]
    public void FromJson_Null_ThrowsJsonException()
    {
        using var json = JsonDocument.Parse("null");

        Assert.Throws<JsonException>(() => InfluenceReport.FromJson(json.RootElement));
    }
}
