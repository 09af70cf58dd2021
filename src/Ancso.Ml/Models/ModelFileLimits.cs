namespace Ancso.Ml.Models;

/// <summary>
/// The largest files the models folder may hold; larger ones are refused unread. A ranker model of the default shape is
/// under 1 MB (about 34 MB at the largest embedding dimension the options allow).
/// </summary>
public static class ModelFileLimits
{
    /// <summary>An ONNX model: 256 MiB.</summary>
    public const long MaxModelBytes = 256L << 20;

    /// <summary>A metadata file: 16 MiB (it lists a mean and a scale per feature, and a line per epoch).</summary>
    public const long MaxMetadataBytes = 16L << 20;

    /// <summary><c>active_model.json</c>: 64 KiB.</summary>
    public const long MaxPointerBytes = 64L << 10;
}
