using System.Text.Json.Serialization;

namespace Ancso.Ml.PostgreSql.Models;

/// <summary>Source-generated JSON for the local copy's files, written exactly as the file registry writes them.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelMetadata))]
[JsonSerializable(typeof(ActiveModelPointer))]
[JsonSerializable(typeof(string))]
internal sealed partial class LocalCopyJsonContext : JsonSerializerContext
{
}
