using System.Text.Json.Serialization;

namespace Ancso.Ml.Learning.Influence;

/// <summary>Source-generated JSON for <see cref="InfluenceReport"/> (the model metadata's <c>influence</c>).</summary>
[JsonSerializable(typeof(InfluenceReport))]
internal sealed partial class InfluenceJsonContext : JsonSerializerContext;
