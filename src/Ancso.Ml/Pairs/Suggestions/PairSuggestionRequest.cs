namespace Ancso.Ml.Pairs.Suggestions;

/// <summary>What <see cref="IPairSuggester"/> should suggest.</summary>
public sealed class PairSuggestionRequest
{
    /// <summary>Gets how many pairs to suggest.</summary>
    /// <value>Default: 20; 1 to 1000.</value>
    public int Count { get; init; } = 20;

    /// <summary>Gets the platform to draw items from, or <see langword="null"/> for every platform.</summary>
    public string? Platform { get; init; }

    /// <summary>Gets the section to draw items from, or <see langword="null"/> for every section (suggestions then alternate between sections).</summary>
    public string? Section { get; init; }

    /// <summary>Gets the most items per section that are scored; a store with more items is read up to this many, newest last.</summary>
    /// <value>Default: 5000.</value>
    public int MaxItemsPerSection { get; init; } = 5000;
}
