using System.Text.Json.Serialization;

namespace Ancso.Ml.Models;

/// <summary>The content of <c>active_model.json</c>: which model and metadata files are active.</summary>
public sealed class ActiveModelPointer
{
    /// <summary>Gets or sets the active model's version.</summary>
    [JsonPropertyName("version")]
    public string Version { get; set; } = "";

    /// <summary>Gets or sets the model file's name, relative to the models folder.</summary>
    [JsonPropertyName("model_file")]
    public string ModelFile { get; set; } = "";

    /// <summary>Gets or sets the metadata file's name, relative to the models folder.</summary>
    [JsonPropertyName("metadata_file")]
    public string MetadataFile { get; set; } = "";

    /// <summary>Gets or sets when the model was activated.</summary>
    [JsonPropertyName("activated_at")]
    public DateTimeOffset ActivatedAt { get; set; }

    /// <summary>Gets or sets the version that was active before, for rollback.</summary>
    [JsonPropertyName("previous_version")]
    public string? PreviousVersion { get; set; }
}
