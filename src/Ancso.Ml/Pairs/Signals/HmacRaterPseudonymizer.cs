using Microsoft.Extensions.Options;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>The built-in <see cref="IRaterPseudonymizer"/>: keyed HMAC-SHA-256 with <see cref="SignalOptions.RaterKey"/>.</summary>
internal sealed class HmacRaterPseudonymizer : IRaterPseudonymizer
{
    private readonly byte[]? _key;
    private readonly bool _malformed;

    public HmacRaterPseudonymizer(IOptions<SignalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = RaterPseudonyms.DecodeKey(options.Value.RaterKey);
        _malformed = _key is null && !string.IsNullOrWhiteSpace(options.Value.RaterKey);
    }

    public string Pseudonymize(string raterId)
    {
        RaterPseudonyms.CheckRaterId(raterId);
        if (_key is null)
        {
            throw new InvalidOperationException(
                (_malformed
                    ? "A rater id was given, but Ranker:Signals:RaterKey is not base64 of at least 32 bytes, so the rater's pseudonym cannot be computed. Set Ranker:Signals:RaterKey "
                    : "A rater id was given, but no rater key is configured, so the rater's pseudonym cannot be computed. Set Ranker:Signals:RaterKey ") +
                "(SignalOptions.RaterKey) to base64 of at least 32 random bytes ('openssl rand -base64 32'), kept in a secret store or the environment " +
                "(Ranker__Signals__RaterKey), never beside the data. Nothing was stored or erased.");
        }

        return RaterPseudonyms.Compute(_key, raterId);
    }
}
