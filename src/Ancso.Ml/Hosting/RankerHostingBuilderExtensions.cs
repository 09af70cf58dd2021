using Ancso.Ml.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Hosting pieces for the ranker.</summary>
public static class RankerHostingBuilderExtensions
{
    /// <summary>
    /// Registers a hosted service that readies the ranker while the host starts, before it serves requests: it loads and
    /// warms the active model (or settles on the heuristic, saying why) and scores one sample text so that the embedding
    /// generator is loaded. A failure is logged (event 3701) and does not stop the host. Calling this twice is harmless.
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder WarmUpOnStart(this IRankerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RankerWarmUpService>());
        return builder;
    }
}
