using Microsoft.Extensions.Options;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>Validates <see cref="SignalOptions"/> at start (source-generated; the rater key through <see cref="SignalOptions.Validate"/>).</summary>
[OptionsValidator]
internal sealed partial class SignalOptionsValidator : IValidateOptions<SignalOptions>
{
}
