using Microsoft.Extensions.Options;

namespace Ancso.Ml.Pairs;

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
                    ? "A choice names its rater, but Ranker:Signals:RaterKey is not base64 of at least 32 bytes, so it cannot be stored pseudonymously. Set Ranker:Signals:RaterKey "
                    : "A choice names its rater, but no rater key is configured, so it cannot be stored pseudonymously. Set Ranker:Signals:RaterKey ") +
                "(SignalOptions.RaterKey) to base64 of at least 32 random bytes ('openssl rand -base64 32'), kept in a secret store or the environment " +
                "(Ranker__Signals__RaterKey), never beside the data. Nothing was stored.");
        }

        return RaterPseudonyms.Compute(_key, raterId);
    }
}
