using System.ComponentModel.DataAnnotations;
using Ancso.Ml.Pairs.Erasure;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>
/// Options of recording people's choices, bound from <c>Ranker:Signals</c>: the key that turns a person's id into the
/// pseudonym the pair store keeps.
/// </summary>
public sealed class SignalOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from by convention: <c>Ranker:Signals</c>.</summary>
    public const string SectionName = "Ranker:Signals";

    /// <summary>The fewest bytes a rater key holds: 32.</summary>
    public const int MinRaterKeyBytes = 32;

    /// <summary>
    /// Gets or sets the secret key of the rater pseudonyms, base64 of at least 32 random bytes (for example the output
    /// of <c>openssl rand -base64 32</c>). A choice that names its rater (<see cref="UserChoice.RaterId"/>) is stored
    /// with <c>HMAC-SHA-256(key, rater id)</c>, never with the id, so the pair store alone does not say who chose what.
    /// Keep the key in a secret store or the environment (<c>Ranker__Signals__RaterKey</c>), never beside the data: with
    /// the key, anyone holding a person's id can find their rows. Changing it makes every later pseudonym differ from the
    /// earlier ones (a person's old and new choices then count as two raters).
    /// </summary>
    /// <value>Default: <see langword="null"/>: choices that name a rater are refused.</value>
    public string? RaterKey { get; set; }

    /// <summary>
    /// Gets or sets how long people's pairs (every source but bootstrap) are kept, for example <c>365.00:00:00</c>.
    /// Applied by <c>ancso ranker erase --retention</c> and by a host on its schedule (the RetrainWorker sample does so
    /// before each retrain) through <see cref="IPairEraser"/> with <see cref="ErasureRequest.OlderThan"/>.
    /// </summary>
    /// <value>Default: <see langword="null"/>: kept until erased.</value>
    public TimeSpan? Retention { get; set; }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RaterKey is not null && RaterPseudonyms.DecodeKey(RaterKey) is null)
        {
            yield return new ValidationResult(
                $"Ranker:Signals:RaterKey is not base64 of at least {MinRaterKeyBytes} bytes. Generate one with 'openssl rand -base64 32' and keep it in a secret store or the environment (Ranker__Signals__RaterKey), not beside the data.",
                [nameof(RaterKey)]);
        }

        if (Retention is { } retention && retention < TimeSpan.FromHours(1))
        {
            yield return new ValidationResult(
                $"Ranker:Signals:Retention is {retention}; a retention period is at least one hour (for example 365.00:00:00 for a year), or unset to keep pairs until erased.",
                [nameof(Retention)]);
        }
    }
}
