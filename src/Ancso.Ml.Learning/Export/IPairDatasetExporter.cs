
namespace Ancso.Ml.Learning.Export;

/// <summary>
/// Exports the pair store as a training dataset (<c>dataset.bin</c> or <c>dataset.jsonl</c>, and <c>metadata.json</c>;
/// see <c>docs/dataset-format.md</c>), with features built by the same <see cref="Features.IFeatureBuilder"/> inference uses.
/// </summary>
public interface IPairDatasetExporter
{
    /// <summary>
    /// Exports the pairs that match the request, streaming them from the store with flat memory. Both files are written
    /// under temporary names and renamed into place only when everything succeeded, so a failed or cancelled export
    /// leaves the previous dataset as it was. Embeddings come from the embedding cache; missing ones are generated in
    /// batches and cached.
    /// </summary>
    /// <param name="request">What to export; <see langword="null"/> for every pair into the default folder.</param>
    /// <param name="cancellationToken">Cancels the export; the previous dataset is kept.</param>
    /// <returns>What was written, or the counts alone in statistics-only mode.</returns>
    /// <exception cref="ArgumentException">A filter is not a valid platform or source name.</exception>
    /// <exception cref="InvalidOperationException">No pair matches (nothing is written), or the embedding generator does not match the feature builder's.</exception>
    Task<PairDatasetExportResult> ExportAsync(PairDatasetExportRequest? request = null, CancellationToken cancellationToken = default);
}
