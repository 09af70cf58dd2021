using Microsoft.Extensions.Options;

namespace Ancso.Ml.PostgreSql;

/// <summary>Validates <see cref="PostgreSqlOptions"/> at start (source-generated from its data annotations).</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlOptionsValidator : IValidateOptions<PostgreSqlOptions>
{
}
