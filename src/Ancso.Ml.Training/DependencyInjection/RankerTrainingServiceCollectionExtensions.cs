using Ancso.Ml.Training;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ranker's trainer.</summary>
public static class RankerTrainingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IRankerTrainer"/> (and the ranker's services through <c>AddRanker()</c>, which is harmless
    /// when already called). Training stores models through the registered <see cref="IModelRegistry"/> when its folder
    /// is the one <see cref="RankerTrainingOptions.OutputDirectory"/> names, and through a file registry on that folder otherwise.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRankerTraining(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRanker();
        services.TryAddSingleton<IRankerTrainer>(static sp => new RankerTrainer(
            sp.GetService<IModelRegistry>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<RankerTrainer>()));
        return services;
    }
}
