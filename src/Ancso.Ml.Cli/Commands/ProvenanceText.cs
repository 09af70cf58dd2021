using Ancso.Ml.Inference;

namespace Ancso.Ml.Cli.Commands;

/// <summary>How the tool prints a provenance: <c>model</c> or <c>heuristic (reason: detail)</c>.</summary>
internal static class ProvenanceText
{
    public static string Describe(ScoreProvenance provenance) => provenance.Kind == ProvenanceKind.Model
        ? "model"
        : $"heuristic ({ReasonName(provenance.Reason)}: {provenance.Detail})";

    public static string ReasonName(FallbackReason reason) => reason switch
    {
        FallbackReason.None => "none",
        FallbackReason.NoModel => "no_model",
        FallbackReason.RuntimeUnavailable => "runtime_unavailable",
        FallbackReason.ModelFileMissing => "model_file_missing",
        FallbackReason.ModelCorrupt => "model_corrupt",
        FallbackReason.MetadataMismatch => "metadata_mismatch",
        FallbackReason.NotInitialized => "not_initialized",
        FallbackReason.EmbeddingUnavailable => "embedding_unavailable",
        _ => reason.ToString(),
    };

    public static ProvenanceJson ToJson(ScoreProvenance provenance) => new(
        provenance.Name,
        provenance.ModelVersion,
        provenance.Kind == ProvenanceKind.Model ? null : ReasonName(provenance.Reason),
        provenance.Detail);
}

/// <summary>A provenance as printed in JSON.</summary>
internal sealed record ProvenanceJson(string Kind, string? ModelVersion, string? Reason, string? Detail);
