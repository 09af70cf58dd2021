using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.PostgreSql.Tests.Server;

namespace Ancso.Ml.PostgreSql.Tests.Pairs;

/// <summary>Many instances recording choices into one PostgreSQL store at once.</summary>
public sealed class PostgreSqlConcurrentWriterTests
{
    private const int Writers = 8;
    private const int ChoicesPerWriter = 5_000;
    private const int SharedTexts = 100;

    private PostgreSqlServer _server = null!;
    private string _schema = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.GetAsync();

    [SetUp]
    public void SetUp() => _schema = PostgreSqlServer.NewSchema();

    [TearDown]
    public async Task TearDown() => await _server.ScalarAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;");

    [Test]
    public async Task RecordUserChoiceAsync_EightWritersFiveThousandChoicesEach_NoneLostNoneDuplicated()
    {
        // Eight instances (eight data sources and pools), each recording its choices one call at a time. Every choice
        // shares its second text with the other writers (contended item rows), and every tenth is sent twice with the
        // same PairId, as a client retrying a request whose answer it lost.
        var instances = Enumerable.Range(0, Writers).Select(_ => new RankerInstance(_server, _schema)).ToArray();
        try
        {
            var retried = 0;
            await Task.WhenAll(instances.Select((instance, writer) => Task.Run(async () =>
            {
                for (var i = 0; i < ChoicesPerWriter; i++)
                {
                    var choice = new UserChoice("github", "bio", $"writer {writer} choice {i}", $"shared variant {i % SharedTexts}", i % 2 == 0 ? PairSide.A : PairSide.B)
                    {
                        PairId = i % 10 == 0 ? $"p_w{writer}_c{i}" : null,
                    };
                    await instance.Recorder.RecordUserChoiceAsync(choice);
                    if (choice.PairId is not null)
                    {
                        await instance.Recorder.RecordUserChoiceAsync(choice);
                        Interlocked.Increment(ref retried);
                    }
                }
            })));

            var store = instances[0].Store;
            var byTexts = new Dictionary<(string, string), int>();
            await foreach (var pair in store.StreamPairsAsync())
            {
                var key = (pair.ItemA.Text, pair.ItemB.Text);
                byTexts[key] = byTexts.GetValueOrDefault(key) + 1;
            }

            var expected = Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, ChoicesPerWriter).Select(i => ($"writer {w} choice {i}", $"shared variant {i % SharedTexts}"))).ToHashSet();
            var lost = expected.Count(e => !byTexts.ContainsKey(e));
            var duplicated = byTexts.Values.Count(n => n > 1);
            Assert.Multiple(async () =>
            {
                Assert.That(retried, Is.EqualTo(Writers * ChoicesPerWriter / 10));
                Assert.That(lost, Is.Zero, "lost choices");
                Assert.That(duplicated, Is.Zero, "choices stored more than once");
                Assert.That(byTexts.Keys.Where(k => !expected.Contains(k)), Is.Empty, "pairs nobody recorded");
                Assert.That((await store.CountPairsAsync()).Total, Is.EqualTo(Writers * ChoicesPerWriter));
                Assert.That(await store.CountItemsAsync(), Is.EqualTo((Writers * ChoicesPerWriter) + SharedTexts));
            });
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task RecordUserChoiceAsync_WritersRacingToStoreTheSameNewText_AllStoredNoneFail()
    {
        // Every round, all writers are released together to store choices that share one text no one has stored yet:
        // the item insert of each must skip the row the others store, never fail on one of the item's unique columns.
        const int rounds = 60;
        var instances = Enumerable.Range(0, Writers).Select(_ => new RankerInstance(_server, _schema)).ToArray();
        try
        {
            await instances[0].Store.CountItemsAsync();
            for (var round = 0; round < rounds; round++)
            {
                using var start = new Barrier(Writers);
                var r = round;
                await Task.WhenAll(instances.Select((instance, writer) => Task.Run(async () =>
                {
                    start.SignalAndWait();
                    await instance.Recorder.RecordUserChoiceAsync(new UserChoice("github", "bio", $"race {r} shared", $"race {r} writer {writer}", PairSide.A));
                })));
            }

            Assert.Multiple(async () =>
            {
                Assert.That((await instances[0].Store.CountPairsAsync()).Total, Is.EqualTo(rounds * Writers));
                Assert.That(await instances[0].Store.CountItemsAsync(), Is.EqualTo(rounds * (Writers + 1)));
            });
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
