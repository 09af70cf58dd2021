using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Pairs.Suggestions;

/// <summary>
/// Picks pairs of stored items worth asking a person about: those the active model is least certain of (the smallest
/// calibrated confidence), diverse rather than near-duplicates, never a pair already labelled. Each suggestion is ready
/// for <c>ancso ranker label</c> or <see cref="ITrainingSignalRecorder"/>.
/// </summary>
public interface IPairSuggester
{
    /// <summary>Suggests up to <see cref="PairSuggestionRequest.Count"/> pairs, least certain first.</summary>
    /// <param name="request">How many, and from which platform and section.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The suggestions; fewer than asked when the store has too few unlabelled pairs of distinct items.</returns>
    /// <exception cref="ArgumentException">The request is out of range.</exception>
    /// <exception cref="PairStoreException">The pair store cannot be used.</exception>
    Task<IReadOnlyList<PairSuggestion>> SuggestAsync(PairSuggestionRequest request, CancellationToken cancellationToken = default);
}
