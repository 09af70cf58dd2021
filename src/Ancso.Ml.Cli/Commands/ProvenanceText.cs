namespace Ancso.Ml.Cli.Commands;

/// <summary>How the tool prints a provenance: <c>model</c> or <c>heuristic (reason: detail)</c>.</summary>
internal static class ProvenanceText
{
    public static string Describe(ScoreProvenance provenance) => provenance.Kind == ProvenanceKind.Model
        ? "model"
        : $"heuristic ({provenance.ReasonName}: {provenance.Detail})";

    public static ProvenanceJson ToJson(ScoreProvenance provenance) => new(
        provenance.Name,
        provenance.ModelVersion,
        provenance.Kind == ProvenanceKind.Model ? null : provenance.ReasonName,
        provenance.Detail);
}

/// <summary>A provenance as printed in JSON.</summary>
internal sealed record ProvenanceJson(string Kind, string? ModelVersion, string? Reason, string? Detail);
