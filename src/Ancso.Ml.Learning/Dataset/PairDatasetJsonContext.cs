using System.Text.Json.Serialization;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>Source-generated JSON for <c>metadata.json</c>: indented, nulls written, unknown and repeated fields refused.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PairDatasetMetadata))]
internal sealed partial class PairDatasetJsonContext : JsonSerializerContext
{
}
