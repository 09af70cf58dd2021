using Microsoft.Extensions.Options;

namespace Ancso.Ml.Learning.Export;

/// <summary>Validates <see cref="DatasetExportOptions"/> at start (source-generated from its data annotations).</summary>
[OptionsValidator]
internal sealed partial class DatasetExportOptionsValidator : IValidateOptions<DatasetExportOptions>
{
}
