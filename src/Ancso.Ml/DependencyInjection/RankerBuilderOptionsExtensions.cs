using Ancso.Ml.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The one convention of the ranker's configuration: every component's options type has a <c>SectionName</c> constant
/// holding its full path under <c>Ranker</c> (<c>Ranker:Sqlite</c>, <c>Ranker:Export</c>, <c>Ranker:Signals</c>,
/// <c>Ranker:OpenRouter</c>, <c>Ranker:LocalEmbeddings</c>, <c>Ranker:PostgreSql</c>), and the component binds that
/// subsection of the <c>Ranker</c> section given to <c>AddRanker(configuration)</c>.
/// </summary>
public static class RankerBuilderOptionsExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TOptions"/>, validated at start, and binds it (once) from the subsection of
    /// <see cref="IRankerBuilder.Configuration"/> that <paramref name="sectionName"/> names, when the ranker was added
    /// with configuration. Component packages call this; a host does not need to.
    /// </summary>
    /// <typeparam name="TOptions">The component's options type.</typeparam>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="sectionName">The options' full section path, starting with <c>Ranker:</c> (for example <c>Ranker:Sqlite</c>).</param>
    /// <returns>The options builder, to add configure delegates and validation.</returns>
    public static OptionsBuilder<TOptions> AddComponentOptions<TOptions>(this IRankerBuilder builder, string sectionName)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = GetSubsectionKey(sectionName);
        var options = builder.Services.AddOptions<TOptions>().ValidateOnStart();
        if (builder.Configuration is { } configuration
            && !builder.Services.Any(static d => d.ServiceType == typeof(IOptionsChangeTokenSource<TOptions>)))
        {
            options.Bind(configuration.GetSection(key));
        }

        return options;
    }

    /// <summary>The key of a component's section relative to the <c>Ranker</c> section: <c>Ranker:Sqlite</c> → <c>Sqlite</c>.</summary>
    internal static string GetSubsectionKey(string sectionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        var prefix = RankerOptions.SectionName + ConfigurationPath.KeyDelimiter;
        if (!sectionName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || sectionName.Length == prefix.Length)
        {
            throw new ArgumentException($"A component's section lives under '{RankerOptions.SectionName}': expected '{prefix}<Component>', got '{sectionName}'.", nameof(sectionName));
        }

        return sectionName[prefix.Length..];
    }
}
