using Ancso.Ml.Metrics;

namespace Ancso.Ml.PostgreSql.Pairs;

/// <summary>
/// The columns whose values the store encodes: an item's metrics (<c>real[]</c>, in <see cref="MetricNames.All"/>
/// order), a pair's tags (<c>text[]</c>), and how both travel in the one-statement inserts (as text, split by the server).
/// Values read back are checked, since a row may have been written by anything.
/// </summary>
internal static class StoredValues
{
    /// <summary>Separates tags in the insert's text; a tag never holds a control character.</summary>
    public const char TagSeparator = '\u001f';

    public static string? MetricsText(ContentMetrics? metrics)
    {
        if (metrics is not { } m)
        {
            return null;
        }

        return string.Join(',', MetricNames.All.Select(name => m[name].ToString("R", CultureInfo.InvariantCulture)));
    }

    public static string TagsText(IReadOnlyList<string> tags) => string.Join(TagSeparator, tags);

    public static ContentMetrics? ReadMetrics(float?[]? values, string itemId, string database)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Length != MetricNames.All.Count)
        {
            throw new PairStoreException(
                $"The metrics of item '{itemId}' in {database} hold {values.Length.ToString(CultureInfo.InvariantCulture)} values instead of {MetricNames.All.Count.ToString(CultureInfo.InvariantCulture)} ({string.Join(", ", MetricNames.All)}).");
        }

        var named = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } value || !float.IsFinite(value) || value is < 0f or > 1f)
            {
                throw new PairStoreException(
                    $"The metric '{MetricNames.All[i]}' of item '{itemId}' in {database} is {values[i]?.ToString(CultureInfo.InvariantCulture) ?? "null"}; metrics are numbers in [0, 1].");
            }

            named[MetricNames.All[i]] = value;
        }

        return default(ContentMetrics).WithOverrides(named);
    }

    public static IReadOnlyList<string> ReadTags(string?[] tags, string pairId, string database)
    {
        foreach (var tag in tags)
        {
            if (string.IsNullOrEmpty(tag))
            {
                throw new PairStoreException($"The tags of pair '{pairId}' in {database} hold an empty or null tag.");
            }
        }

        return tags!;
    }
}
