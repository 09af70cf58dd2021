namespace Ancso.Ml.Pairs.Erasure;

/// <summary>What an erasure removed from the pair store (or, on a dry run, would remove).</summary>
/// <param name="Pairs">The pairs.</param>
/// <param name="Items">The items no remaining pair uses.</param>
/// <param name="Embeddings">The cached embeddings of texts no remaining item has.</param>
public sealed record PairErasureCounts(int Pairs, int Items, int Embeddings)
{
    /// <summary>Gets whether nothing was (or would be) removed.</summary>
    public bool IsEmpty => Pairs == 0 && Items == 0 && Embeddings == 0;
}
