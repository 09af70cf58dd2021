namespace Ancso.Ml.Inference;

/// <summary>
/// Scores, compares and ranks profile content with the active ONNX model, falling back to the heuristic
/// <c>clarity·0.3 + impact·0.4 + keyword_score·0.3</c> when no model is usable. Thread-safe; register as a singleton.
/// </summary>
public interface IRankerInferenceService
{
    /// <summary>Loads the active model (or settles on the heuristic and records why) and warms it up. Calling it again is harmless.</summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>A task that completes when the service is ready.</returns>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Scores one item.</summary>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels the embedding call.</param>
    /// <returns>The score, the item's metrics and the provenance.</returns>
    ValueTask<ItemScore> ScoreItemAsync(ContentItem item, CancellationToken cancellationToken = default);

    /// <summary>Compares two items.</summary>
    /// <param name="a">Item A.</param>
    /// <param name="b">Item B.</param>
    /// <param name="cancellationToken">Cancels the embedding call.</param>
    /// <returns>Both scores, the preference, the confidence and the provenance.</returns>
    ValueTask<ComparisonResult> CompareAsync(ContentItem a, ContentItem b, CancellationToken cancellationToken = default);

    /// <summary>Ranks items best first, scoring them in one model call.</summary>
    /// <param name="items">The items.</param>
    /// <param name="cancellationToken">Cancels the embedding call.</param>
    /// <returns>The items, best first, with scores.</returns>
    ValueTask<RankingResult> RankAsync(IReadOnlyList<ContentItem> items, CancellationToken cancellationToken = default);

    /// <summary>Tells what the service is using now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    ValueTask<RankerStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
