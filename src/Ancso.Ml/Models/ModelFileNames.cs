using System.Text.RegularExpressions;

namespace Ancso.Ml.Models;

/// <summary>The file names of the models folder.</summary>
public static partial class ModelFileNames
{
    /// <summary>The pointer at the active model: <c>active_model.json</c>.</summary>
    public const string ActivePointer = "active_model.json";

    /// <summary>The original system's model file name, accepted when no pointer exists: <c>ranker.onnx</c>.</summary>
    public const string LegacyModel = "ranker.onnx";

    /// <summary>The original system's metadata file name, accepted when no pointer exists: <c>ranker_metadata.json</c>.</summary>
    public const string LegacyMetadata = "ranker_metadata.json";

    /// <summary>Gets the model file name of a version: <c>ranker-&lt;version&gt;.onnx</c>.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The file name.</returns>
    public static string Model(string version) => $"ranker-{version}.onnx";

    /// <summary>Gets the metadata file name of a version: <c>ranker-&lt;version&gt;.metadata.json</c>.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The file name.</returns>
    public static string Metadata(string version) => $"ranker-{version}.metadata.json";

    /// <summary>Returns whether a version name is usable in file names: 1–100 of letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, not starting with <c>.</c>.</summary>
    /// <param name="version">The version.</param>
    /// <returns><see langword="true"/> when usable.</returns>
    public static bool IsValidVersion(string? version) => version is { Length: > 0 and <= 100 } && VersionPattern().IsMatch(version);

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
