namespace Ancso.Ml.Pairs.Storage;

/// <summary>Which items to list, oldest first.</summary>
public sealed class ItemQuery
{
    /// <summary>Gets the platform to keep.</summary>
    /// <value>Default: <see langword="null"/> (every platform).</value>
    public string? Platform { get; init; }

    /// <summary>Gets the section to keep.</summary>
    /// <value>Default: <see langword="null"/> (every section).</value>
    public string? Section { get; init; }

    /// <summary>Gets how many matching items to skip.</summary>
    /// <value>Default: 0.</value>
    public int Skip { get; init; }

    /// <summary>Gets the most items to return; between 1 and 10,000.</summary>
    /// <value>Default: 100.</value>
    public int Take { get; init; } = 100;
}
