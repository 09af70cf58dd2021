namespace Ancso.Ml.Pairs.Signals;

/// <summary>
/// Turns the host's id for a person (a user id, an account name) into the pseudonym the pair store keeps: the same id
/// gives the same pseudonym under one key, and the pseudonym alone does not give the id back. The built-in one is keyed
/// HMAC-SHA-256 (<see cref="SignalOptions.RaterKey"/>); a host may register its own (for example one whose key lives in
/// a hardware security module).
/// </summary>
public interface IRaterPseudonymizer
{
    /// <summary>Gets the pseudonym of a rater: <c>r_</c> and 32 lower-case hex digits (see <see cref="RaterPseudonyms.IsValid"/>).</summary>
    /// <param name="raterId">The host's id for the person: 1 to 256 characters, no control characters.</param>
    /// <returns>The pseudonym.</returns>
    /// <exception cref="ArgumentException">The id is empty, longer than 256 characters or holds a control character.</exception>
    string Pseudonymize(string raterId);
}
