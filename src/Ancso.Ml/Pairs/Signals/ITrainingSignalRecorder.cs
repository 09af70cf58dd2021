using Ancso.Ml.Pairs.Storage;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>
/// Turns what users and editors do into training pairs in the <see cref="IPairStore"/>. Every method validates its input
/// fully before writing: on an error nothing is stored, and the message names the offending id, tag or field.
/// </summary>
public interface ITrainingSignalRecorder
{
    /// <summary>Records a user's choice between two variants as a <c>user_choice</c> pair (the chosen variant is the better side).</summary>
    /// <param name="choice">The choice.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored pair.</returns>
    /// <exception cref="ArgumentException">The variants are identical, a name or tag is invalid, or the id is malformed.</exception>
    /// <exception cref="PairStoreException">The store cannot be used, or the id is taken by a different pair.</exception>
    Task<RecordedPair> RecordUserChoiceAsync(UserChoice choice, CancellationToken cancellationToken = default);

    /// <summary>Records an edit (an applied optimisation, or an edit that made things worse) as a <c>before_after</c> pair.</summary>
    /// <param name="edit">The edit.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored pair: A is the original text, B the edited one.</returns>
    /// <exception cref="ArgumentException">The texts are identical, a name or tag is invalid, or the id is malformed.</exception>
    /// <exception cref="PairStoreException">The store cannot be used, or the id is taken by a different pair.</exception>
    Task<RecordedPair> RecordEditAsync(ContentEdit edit, CancellationToken cancellationToken = default);

    /// <summary>Records a person's verdict on two stored items as a <c>manual</c> pair.</summary>
    /// <param name="label">The verdict.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored pair.</returns>
    /// <exception cref="ArgumentException">
    /// An item id is unknown, both ids name the same item, the items belong to different platforms or sections, or a
    /// tag is empty.
    /// </exception>
    /// <exception cref="PairStoreException">The store cannot be used, or the id is taken by a different pair.</exception>
    Task<RecordedPair> RecordManualLabelAsync(ManualLabel label, CancellationToken cancellationToken = default);

    /// <summary>Stores a pair given by its texts, for example one generated from the bootstrap corpus.</summary>
    /// <param name="pair">The pair.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored pair.</returns>
    /// <exception cref="ArgumentException">The pair is invalid.</exception>
    /// <exception cref="PairStoreException">The store cannot be used, or the id is taken by a different pair.</exception>
    Task<RecordedPair> AddPairAsync(NewPair pair, CancellationToken cancellationToken = default);

    /// <summary>Stores many pairs given by their texts in one transaction: all of them, or none when one is invalid.</summary>
    /// <param name="pairs">The pairs.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number of pairs newly stored; pairs whose id was already stored are skipped.</returns>
    /// <exception cref="ArgumentException">A pair is invalid (the message gives its position).</exception>
    /// <exception cref="PairStoreException">The store cannot be used, or an id is taken by a different pair.</exception>
    Task<int> AddPairsAsync(IReadOnlyList<NewPair> pairs, CancellationToken cancellationToken = default);
}
