namespace Ancso.Ml.DependencyInjection;

/// <summary>Validates <see cref="RankerOptions"/> at start (source-generated from its data annotations).</summary>
[OptionsValidator]
internal sealed partial class RankerOptionsValidator : IValidateOptions<RankerOptions>
{
}
