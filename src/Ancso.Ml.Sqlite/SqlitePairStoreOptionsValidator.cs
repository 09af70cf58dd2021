using Microsoft.Extensions.Options;

namespace Ancso.Ml.Sqlite;

/// <summary>Validates <see cref="SqlitePairStoreOptions"/> at start (source-generated from its data annotations).</summary>
[OptionsValidator]
internal sealed partial class SqlitePairStoreOptionsValidator : IValidateOptions<SqlitePairStoreOptions>
{
}
