using Microsoft.Extensions.Options;

namespace Ancso.Ml.Pairs;

/// <summary>Validates <see cref="PairStoreOptions"/> at start (source-generated from its data annotations).</summary>
[OptionsValidator]
internal sealed partial class PairStoreOptionsValidator : IValidateOptions<PairStoreOptions>
{
}
