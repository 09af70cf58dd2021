using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The builder <c>AddRanker()</c> returns.</summary>
internal sealed class RankerBuilder(IServiceCollection services, IConfiguration? configuration = null) : IRankerBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration? Configuration { get; } = configuration;
}
