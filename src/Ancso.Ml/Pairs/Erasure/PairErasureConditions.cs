using System.Text;

namespace Ancso.Ml.Pairs.Erasure;

/// <summary>
/// The pairs a <see cref="PairErasureQuery"/> matches, as the SQL condition the SQLite and PostgreSQL stores put on their
/// pairs <c>p</c> (compiled into each store package): every criterion given must match.
/// </summary>
internal static class PairErasureConditions
{
    /// <summary>Builds the <c>WHERE</c> clause of <paramref name="query"/>, adding a parameter for each criterion given.</summary>
    /// <param name="query">The erasure's query.</param>
    /// <param name="items">The items table, as the statement names it.</param>
    /// <param name="parameterPrefix">What marks a named parameter in the database's SQL: <c>$</c> or <c>@</c>.</param>
    /// <param name="addText">Adds a text parameter: its name (without the prefix) and value.</param>
    /// <param name="addTime">Adds a time parameter: its name (without the prefix) and value.</param>
    /// <returns>The clause with its leading <c>WHERE</c>, or empty when the query names no criterion.</returns>
    public static string Where(
        PairErasureQuery query, string items, char parameterPrefix, Action<string, string> addText, Action<string, DateTimeOffset> addTime)
    {
        var where = new StringBuilder();
        void And(string condition) => where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(condition);
        var mark = parameterPrefix;
        if (query.Rater is { } rater)
        {
            And($"p.rater = {mark}rater");
            addText("rater", rater);
        }

        if (query.ItemId is { } itemId)
        {
            And($"(p.item_a = {mark}item OR p.item_b = {mark}item)");
            addText("item", itemId);
        }

        if (query.TextHash is { } textHash)
        {
            And($"(p.item_a IN (SELECT id FROM {items} WHERE text_hash = {mark}text_hash) OR p.item_b IN (SELECT id FROM {items} WHERE text_hash = {mark}text_hash))");
            addText("text_hash", textHash);
        }

        if (query.CreatedBefore is { } before)
        {
            // Bootstrap pairs come from the shipped corpus, not from people, and never expire.
            And($"p.created_at < {mark}before AND p.source <> 'bootstrap'");
            addTime("before", before);
        }

        return where.ToString();
    }
}
