using System.Collections.Concurrent;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.PostgreSql.Tests.Server;

namespace Ancso.Ml.PostgreSql.Tests.Pairs;

/// <summary>The database restarts while instances write pairs and score.</summary>
public sealed class PostgreSqlRestartTests
{
    private PostgreSqlServer _server = null!;
    private string _schema = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.GetAsync();

    [SetUp]
    public void SetUp() => _schema = PostgreSqlServer.NewSchema();

    [TearDown]
    public async Task TearDown() => await _server.ScalarAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;");

    [Test]
    public async Task AddPairsAsync_DatabaseRestartedMidWrite_EachWriteSucceedsOrFailsClearlyNothingHalfWrittenScoringNeverStops()
    {
        // One instance retries long enough to ride out the restart, one gives up quickly, so both outcomes happen.
        await using var patient = new RankerInstance(_server, _schema, o => o.RetryTimeout = TimeSpan.FromSeconds(30));
        await using var impatient = new RankerInstance(_server, _schema, o => o.RetryTimeout = TimeSpan.FromMilliseconds(200));
        await using var api = new RankerInstance(_server, _schema);
        await patient.StoreModelAsync("v1", seed: 1);
        await patient.Registry.ActivateAsync("v1");
        Assert.That(await api.ScoringVersionAsync(), Is.EqualTo("v1"));

        var succeeded = new ConcurrentBag<string>();
        var failed = new ConcurrentBag<(string Id, Exception Error)>();
        var scoredBy = new ConcurrentDictionary<string, int>();
        var scoringErrors = new ConcurrentBag<Exception>();
        using var stop = new CancellationTokenSource();
        var writers = new[] { patient, patient, impatient, impatient }.Select((instance, writer) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                // Three pairs per call, each with texts of its own, so a half-written call would show.
                var ids = Enumerable.Range(0, 3).Select(k => $"p_r{writer}_{i}_{k}").ToArray();
                var pairs = ids.Select(id => new NewPair("linkedin", "about", $"{id} first text", $"{id} second text", PairSide.A, PairSources.UserChoice) { Id = id }).ToArray();
                try
                {
                    await instance.Store.AddPairsAsync(pairs);
                    foreach (var id in ids)
                    {
                        succeeded.Add(id);
                    }
                }
                catch (Exception e)
                {
                    foreach (var id in ids)
                    {
                        failed.Add((id, e));
                    }
                }
            }
        })).ToArray();
        var scoring = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Yield();
                try
                {
                    var version = await api.ScoringVersionAsync();
                    scoredBy.AddOrUpdate(version, 1, (_, n) => n + 1);
                }
                catch (Exception e)
                {
                    scoringErrors.Add(e);
                }
            }
        });

        await WaitUntilAsync(() => succeeded.Count >= 60);
        var beforeRestart = succeeded.Count;
        _server.Stop();
        await Task.Delay(1000);
        _server.Start();
        var afterStart = succeeded.Count;
        await WaitUntilAsync(() => succeeded.Count >= afterStart + 60);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await scoring;

        // What the database holds, read on a fresh connection.
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var pair in patient.Store.StreamPairsAsync())
        {
            stored.Add(pair.Id);
            Assert.That(pair.ItemA.Text, Is.EqualTo($"{pair.Id} first text"));
            Assert.That(pair.ItemB.Text, Is.EqualTo($"{pair.Id} second text"));
        }

        var orphanItems = await _server.ScalarAsync(
            $"SELECT count(*) FROM \"{_schema}\".items i WHERE NOT EXISTS (SELECT 1 FROM \"{_schema}\".pairs p WHERE p.item_a = i.id OR p.item_b = i.id);");
        var failedCalls = failed.GroupBy(f => f.Id[..f.Id.LastIndexOf('_')]).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(beforeRestart, Is.GreaterThan(0), "writes went through before the restart");
            Assert.That(succeeded.Where(id => !stored.Contains(id)), Is.Empty, "every write that returned is stored");
            Assert.That(failed, Is.Not.Empty, "a writer that gives up after 200 ms met the restart");
            Assert.That(failed.Select(f => f.Error), Has.All.TypeOf<PairStoreException>().And.All.Message.Contain("PostgreSQL database 'postgres' on 127.0.0.1"));
            Assert.That(failedCalls.Where(call => call.Count(f => stored.Contains(f.Id)) is not (0 or 3)), Is.Empty, "a failed call stored all of its pairs or none");
            Assert.That(orphanItems, Is.EqualTo(0L), "items of calls that were not stored");
            Assert.That(succeeded.Count, Is.GreaterThan(beforeRestart), "writes went through after the restart");
            Assert.That(scoringErrors, Is.Empty, "scoring never failed");
            Assert.That(scoredBy.Keys, Is.EqualTo(new[] { "v1" }), "scoring stayed on the model");
            Assert.That(await RegistryProblemAfterRecoveryAsync(api), Is.Null, "the registry is reachable again");
        });
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }

    private static async Task<string?> RegistryProblemAfterRecoveryAsync(RankerInstance instance)
    {
        string? problem = null;
        for (var i = 0; i < 200; i++)
        {
            problem = (await instance.Ranker.GetStatusAsync()).RegistryProblem;
            if (problem is null)
            {
                break;
            }

            await Task.Delay(25);
        }

        return problem;
    }
}
