using Ancso.Ml.Pairs.Erasure;
using Microsoft.Extensions.Logging;
using static Ancso.Ml.Tests.Pairs.Erasure.ErasureTestHost;

namespace Ancso.Ml.Tests.Pairs.Erasure;

/// <summary>The eraser's audit line: one Information line (4000) per erasure with the kinds of criteria and the counts, never a text, an id or a rater.</summary>
public class PairEraserLogTests
{
    private ErasureTestHost _host = null!;

    [SetUp]
    public void SetUp() => _host = new ErasureTestHost();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task EraseAsync_DryRunThenErasure_LogsOneInformationLineOfCountsEachWithoutTextsIdsOrRaters()
    {
        await _host.SeedAsync();
        await _host.ExportAsync();
        await _host.StoreModelAsync("trained", TrainingData(await _host.Store.GetFingerprintAsync()), activate: true);
        var itemId = ItemId("Alice wrote this headline");

        await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId, DryRun = true });
        await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId, ItemId = itemId });
        await _host.Eraser.EraseAsync(new ErasureRequest { Text = "Alice's second headline" });

        var lines = _host.Logs.Entries.Where(e => e.EventId.Id == 4000).ToList();
        Assert.That(lines.Select(l => l.Level), Is.EqualTo(Enumerable.Repeat(LogLevel.Information, 3)));
        Assert.That(lines[0].Message, Does.Contain("Erasure by a rater (dry run): 2 pairs, 3 items and 3 cached embeddings; 0 dataset files deleted; 0 stored model versions"));
        Assert.That(lines[1].Message, Does.Contain("Erasure by a rater, an item: 1 pairs, 2 items and 2 cached embeddings; 2 dataset files deleted; 1 stored model versions learned from erased data (active: True)"));
        Assert.That(lines[2].Message, Does.Contain("Erasure by a text: 1 pairs, 1 items and 1 cached embeddings; 0 dataset files deleted; 1 stored model versions"));

        string[] secrets =
        [
            AliceId, Pseudonym(AliceId), itemId, ItemId("Alice's second headline"), ItemId("Shared headline"),
            "Alice wrote this headline", "Alice rewrote this headline", "Alice's second headline", "Shared headline", "p_alice",
        ];
        Assert.Multiple(() =>
        {
            foreach (var line in lines)
            {
                foreach (var secret in secrets)
                {
                    Assert.That(line.Message, Does.Not.Contain(secret));
                    Assert.That(line.State, Does.Not.Contain(secret));
                }
            }
        });
    }

    [Test]
    public async Task EraseAsync_AnyLevel_NoLogLineHoldsTheRaterIdOrTheirPseudonymAboveTrace()
    {
        await _host.SeedAsync();
        await _host.ExportAsync();

        await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        await _host.Eraser.PurgeModelsAsync();

        Assert.That(_host.Logs.Entries.Select(e => e.ToString()), Has.None.Contain(AliceId), "an id is never logged, at any level");
        Assert.That(_host.Logs.Entries.Where(e => e.Level > LogLevel.Trace).Select(e => e.ToString()), Has.None.Contain(Pseudonym(AliceId)));
    }

    [Test]
    public async Task PurgeModelsAsync_LogsOneInformationLineWithTheCount()
    {
        await _host.SeedAsync();
        var fingerprint = TrainingData(await _host.Store.GetFingerprintAsync());
        await _host.StoreModelAsync("old", fingerprint);
        await _host.StoreModelAsync("active", fingerprint, activate: true);
        await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        await _host.Eraser.PurgeModelsAsync();

        var lines = _host.Logs.Entries.Where(e => e.EventId.Id == 4001).ToList();
        Assert.That(lines.Select(l => (l.Level, l.Message)), Is.EqualTo(new[]
        {
            (LogLevel.Information, "Purged 1 model versions that learned from erased data; the active one learned from erased data: True"),
        }));
    }
}
