using Ancso.Ml.Models;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Tests.Inference;

public class RankerInferenceServiceLoggingTests
{
    [Test]
    public async Task ScoreItemAsync_ManyCallsWithoutModel_LogsTheCauseOnce()
    {
        using var folder = new TestModelFolder();
        var logger = new CapturingLogger();
        var service = folder.CreateService(logger: logger);

        for (var i = 0; i < 50; i++)
        {
            await service.ScoreItemAsync(TestModelFolder.Item("a", "text " + i));
        }

        await service.CompareAsync(TestModelFolder.Item("a", "x"), TestModelFolder.Item("b", "y"));
        await service.InitializeAsync();
        await service.ReloadAsync();
        await service.ReloadAsync();

        var entry = logger.Entries.Single(e => e.EventId.Id == 3102);
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.EventId.Name, Is.EqualTo("HeuristicFallback"));
        Assert.That(entry.Message, Does.Contain("NoModel").And.Contain(folder.ModelsDirectory));
    }

    [Test]
    public async Task ReloadAsync_CauseChanges_LogsEachCauseOnce()
    {
        using var folder = new TestModelFolder();
        var logger = new CapturingLogger();
        var service = folder.CreateService(logger: logger);
        await service.InitializeAsync();

        await folder.StoreAsync("v1", seed: 1, edit: m => m.EmbeddingGeneratorId = "other:model");
        await service.ReloadAsync();
        await service.ReloadAsync();
        await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        var causes = logger.Entries.Where(e => e.EventId.Id == 3102).Select(e => e.Message).ToList();
        Assert.That(causes, Has.Count.EqualTo(2));
        Assert.That(causes[0], Does.Contain("NoModel"));
        Assert.That(causes[1], Does.Contain("MetadataMismatch").And.Contain(ModelFileNames.Metadata("v1")));
    }

    [Test]
    public async Task InitializeAsync_ModelLoads_LogsLoadOnceAtInformation()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 2);
        var logger = new CapturingLogger();
        var service = folder.CreateService(logger: logger);

        await service.InitializeAsync();
        await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));
        await service.ReloadAsync();

        var entry = logger.Entries.Single(e => e.EventId.Id == 3100);
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Message, Does.Contain("v1").And.Contain(ModelFileNames.Model("v1")).And.Contain("ancso:hashing-v1"));
        Assert.That(logger.Count(3102), Is.Zero);
    }

    [Test]
    public async Task GetStatusAsync_RuntimeUnavailable_LogsTheCauseOnce()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 3);
        var logger = new CapturingLogger();
        var service = folder.CreateService(logger: logger, sessionFactory: new FailingSessionFactory(() => new DllNotFoundException("onnxruntime")));

        await service.GetStatusAsync();
        await service.ReloadAsync();
        await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        Assert.That(logger.Entries.Single(e => e.EventId.Id == 3102).Message, Does.Contain("RuntimeUnavailable").And.Contain("onnxruntime"));
    }
}
