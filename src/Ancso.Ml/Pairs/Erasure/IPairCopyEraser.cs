namespace Ancso.Ml.Pairs.Erasure;

/// <summary>
/// Deletes copies of stored pairs kept outside the pair store (an exported dataset, for one) once pairs were erased.
/// <see cref="IPairEraser"/> calls every registered copy eraser after the store's own erasure, so a person's data leaves
/// the files derived from the store too. <c>Ancso.Ml.Learning</c> registers one for the exported dataset
/// (<c>AddDatasetExport()</c>).
/// </summary>
public interface IPairCopyEraser
{
    /// <summary>
    /// Deletes the copies that hold pairs erased from <paramref name="store"/> (as the store's erasure log tells, for
    /// example through <see cref="IPairStore.HasErasedPairsAsync"/>). Called again by every later erasure, so an
    /// implementation decides from the store's state alone and finishes what an interrupted run left.
    /// </summary>
    /// <param name="store">The pair store the pairs were erased from.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The names of the files deleted, for the erasure's report.</returns>
    /// <exception cref="IOException">A copy holds erased pairs but could not be deleted; the message says what to do.</exception>
    Task<IReadOnlyList<string>> EraseCopiesAsync(IPairStore store, CancellationToken cancellationToken = default);
}
