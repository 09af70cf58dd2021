namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The builder <c>AddRanker()</c> returns.</summary>
internal sealed class RankerBuilder(IServiceCollection services) : IRankerBuilder
{
    public IServiceCollection Services { get; } = services;
}
