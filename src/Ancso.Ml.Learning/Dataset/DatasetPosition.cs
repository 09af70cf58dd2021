namespace Ancso.Ml.Learning.Dataset;

/// <summary>What a <see cref="DatasetPosition"/> counts: lines of <c>dataset.jsonl</c>, or records of a compact file or a stream.</summary>
public enum DatasetUnit
{
    /// <summary>A 1-based line of a JSON Lines file.</summary>
    Line,

    /// <summary>A 1-based pair of a compact file, of the pair store, or of pairs handed in.</summary>
    Pair,

    /// <summary>A 1-based item of a compact file.</summary>
    Item,
}

/// <summary>Where a pair or an item was read: a file's line or record, the pair store's n-th pair, or pairs handed in (no source).</summary>
/// <param name="Source">The file, a description such as <c>the pair store</c>, or <see langword="null"/> for pairs handed in.</param>
/// <param name="Unit">What <paramref name="Number"/> counts.</param>
/// <param name="Number">The 1-based line or record.</param>
public readonly record struct DatasetPosition(string? Source, DatasetUnit Unit, long Number)
{
    /// <summary>Gets the line, for a position in a JSON Lines file; <see langword="null"/> otherwise.</summary>
    public long? Line => Unit == DatasetUnit.Line ? Number : null;

    /// <summary>Describes the place, for example <c>/data/dataset.jsonl line 7</c> or <c>/data/dataset.bin, pair 7</c>.</summary>
    /// <returns>The description, for error messages.</returns>
    public string Describe() => (Source, Unit) switch
    {
        (null, _) => string.Create(CultureInfo.InvariantCulture, $"pair #{Number} of the pairs handed in (Pairs[{Number - 1}])"),
        (_, DatasetUnit.Line) => string.Create(CultureInfo.InvariantCulture, $"{Source} line {Number}"),
        (_, DatasetUnit.Item) => string.Create(CultureInfo.InvariantCulture, $"{Source}, item {Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Source}, pair {Number}"),
    };
}
