using System.Text.Json;

namespace Ancso.Ml.Pairs.Erasure;

/// <summary>
/// What a training set was read from: a pair store (its <see cref="StoreId"/>), every pair stored up to
/// <see cref="MaxSequence"/> and not erased by the store's erasure <see cref="ErasureGeneration"/>, and the filter.
/// Written into exported datasets' metadata and models' metadata, so that after an erasure
/// <see cref="IPairStore.HasErasedPairsAsync"/> can tell, exactly, whether they hold erased pairs: an erased pair
/// belonged to the set when it was erased after the set was read (its erasure's generation is above
/// <see cref="ErasureGeneration"/>), its sequence number is at most <see cref="MaxSequence"/> and it matches the filter.
/// </summary>
/// <param name="StoreId">The store's id (<see cref="IPairStore.GetStoreIdAsync"/>).</param>
/// <param name="MaxSequence">The highest <see cref="StoredPair.Sequence"/> the set could hold (0: none).</param>
/// <param name="Platform">The platform filter, or <see langword="null"/>.</param>
/// <param name="Section">The section filter, or <see langword="null"/>.</param>
/// <param name="Source">The source filter, or <see langword="null"/>.</param>
/// <param name="ErasureGeneration">The store's erasure log position when the set was read: erasures up to it removed pairs the set never held.</param>
public sealed record PairStoreFingerprint(string StoreId, long MaxSequence, string? Platform = null, string? Section = null, string? Source = null, long ErasureGeneration = 0)
{
    /// <summary>Writes the fingerprint as the JSON object datasets' and models' metadata hold (<c>store_id</c>, <c>max_pair_sequence</c>, …).</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("store_id", StoreId);
        writer.WriteNumber("max_pair_sequence", MaxSequence);
        writer.WriteNumber("erasure_generation", ErasureGeneration);
        writer.WriteString("platform", Platform);
        writer.WriteString("section", Section);
        writer.WriteString("source", Source);
        writer.WriteEndObject();
    }

    /// <summary>Reads a fingerprint written by <see cref="WriteTo"/>, or returns <see langword="null"/> when the element is not one.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The fingerprint, or <see langword="null"/>.</returns>
    public static PairStoreFingerprint? FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("store_id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } storeId
            || !element.TryGetProperty("max_pair_sequence", out var max) || !max.TryGetInt64(out var maxSequence) || maxSequence < 0)
        {
            return null;
        }

        var generation = element.TryGetProperty("erasure_generation", out var g) && g.TryGetInt64(out var value) && value >= 0 ? value : 0;
        return new PairStoreFingerprint(storeId, maxSequence, Text(element, "platform"), Text(element, "section"), Text(element, "source"), generation);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
