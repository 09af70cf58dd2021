using Ancso.Ml.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Training.Tests.DependencyInjection;

public class RankerTrainingServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddRankerTraining_CalledTwice_ResolvesOneTrainerThatStoresThroughTheRegisteredRegistry()
    {
        using var folder = new TempFolder();
        var models = folder.Combine("models");
        var services = new ServiceCollection();
        services.AddRanker(o => o.ModelsDirectory = models);
        services.AddRankerTraining();
        services.AddRankerTraining();
        await using var provider = services.BuildServiceProvider();

        var trainer = provider.GetRequiredService<IRankerTrainer>();
        var result = await trainer.TrainAsync(new RankerTrainingOptions
        {
            Pairs = TestDatasets.LearnablePairs(items: 20, pairs: 30, dimension: 8),
            Layout = TestDatasets.Layout(8),
            OutputDirectory = models,
            Epochs = 2,
        });

        Assert.That(services.Count(d => d.ServiceType == typeof(IRankerTrainer)), Is.EqualTo(1));
        Assert.That(trainer, Is.SameAs(provider.GetRequiredService<IRankerTrainer>()));
        Assert.That((await provider.GetRequiredService<IModelRegistry>().GetActiveAsync())!.Version, Is.EqualTo(result.Version));
    }
}
