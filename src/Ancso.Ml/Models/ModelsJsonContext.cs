using System.Text.Json.Serialization;

namespace Ancso.Ml.Models;

/// <summary>Source-generated JSON for the models folder's files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelMetadata))]
[JsonSerializable(typeof(ActiveModelPointer))]
[JsonSerializable(typeof(string))]
internal sealed partial class ModelsJsonContext : JsonSerializerContext
{
}
