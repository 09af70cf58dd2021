namespace Ancso.Ml.PostgreSql.Database;

/// <summary>One step of the schema's history: the SQL that takes a schema from <c>Version - 1</c> to <see cref="Version"/>.</summary>
/// <param name="Version">The schema version after the step; steps are numbered 1, 2, 3 … without gaps.</param>
/// <param name="Description">What the step changes, for the log.</param>
/// <param name="Sql">The statements, with <c>{schema}</c> standing for the quoted schema name; run inside the migration's transaction.</param>
internal sealed record PostgreSqlMigration(int Version, string Description, string Sql);
