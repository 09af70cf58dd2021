namespace Ancso.Ml.Sqlite;

/// <summary>One step of the pair store's schema history: the SQL that takes a file from <c>Version - 1</c> to <see cref="Version"/>.</summary>
/// <param name="Version">The schema version after the step; steps are numbered 1, 2, 3 … without gaps.</param>
/// <param name="Description">What the step changes, for the log.</param>
/// <param name="Sql">The statements, run inside the migration's transaction.</param>
internal sealed record SqliteMigration(int Version, string Description, string Sql);
