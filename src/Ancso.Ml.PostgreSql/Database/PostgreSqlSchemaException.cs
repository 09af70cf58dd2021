namespace Ancso.Ml.PostgreSql.Database;

/// <summary>The schema cannot be used: it is newer than this library, holds tables that are not this library's, or a step failed.</summary>
internal sealed class PostgreSqlSchemaException(string message, Exception? innerException = null) : Exception(message, innerException);
