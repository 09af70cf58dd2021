using System.Diagnostics.CodeAnalysis;
using Ancso.Ml.Models;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = Ancso.Ml.Models.ModelMetadata;

namespace Ancso.Ml.Inference;

/// <summary>
/// One loaded model: owns its <see cref="InferenceSession"/> and <see cref="RunOptions"/> and disposes them. Reference
/// counted: the service holds one reference while the model is current and every call leases one while it runs, so a
/// hot reload never disposes a session under a call in flight. Thread-safe.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Reference counted: the last Release disposes the session and run options.")]
internal sealed class ModelSession
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long[] _oneRow;
    private readonly long[] _twoRows;
    private readonly long[] _oneScore;
    private readonly long[] _twoScores;
    private readonly string[] _outputNamesWithReasons;
    private readonly bool _scoreHasColumn;
    private int _references = 1;

    /// <summary>Takes ownership of <paramref name="session"/>; the caller has checked its inputs and outputs.</summary>
    public ModelSession(InferenceSession session, ModelVersionInfo version, ModelMetadata metadata, FileStamp modelStamp, bool scoreHasColumn)
    {
        _session = session;
        _runOptions = new RunOptions();
        Version = version;
        Metadata = metadata;
        ModelStamp = modelStamp;
        Width = metadata.InputDimension;
        Temperature = metadata.Temperature;
        Provenance = ScoreProvenance.FromModel(version.Version);
        NotFiniteProvenance = ScoreProvenance.FromHeuristic(FallbackReason.ModelCorrupt,
            $"Model {version.Version} ({Path.GetFileName(version.ModelPath)}) gave a score that is not a finite number (NaN or infinity) for these items, so they were scored with the heuristic. Train again or activate another version.");
        _scoreHasColumn = scoreHasColumn;
        _inputNames = [metadata.InputName];
        _outputNames = [metadata.OutputName];
        ReasonTags = metadata.ReasonOutputName is not null && metadata.ReasonTags is { Count: > 0 } tags ? [.. tags] : [];
        _outputNamesWithReasons = ReasonTags.Count > 0 ? [metadata.OutputName, metadata.ReasonOutputName!] : _outputNames;
        _oneRow = [1, Width];
        _twoRows = [2, Width];
        _oneScore = scoreHasColumn ? [1, 1] : [1];
        _twoScores = scoreHasColumn ? [2, 1] : [2];
    }

    /// <summary>Gets the stored version this session was loaded from.</summary>
    public ModelVersionInfo Version { get; }

    /// <summary>Gets the model's metadata.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>Gets the model file's stamp when it was loaded.</summary>
    public FileStamp ModelStamp { get; }

    /// <summary>Gets the width of one feature row.</summary>
    public int Width { get; }

    /// <summary>Gets the tags of the model's reason output, in output order; empty for a model without one.</summary>
    public IReadOnlyList<string> ReasonTags { get; }

    /// <summary>Gets the number of reason outputs per row (0 without a reason output).</summary>
    public int ReasonCount => ReasonTags.Count;

    /// <summary>Gets the confidence temperature T.</summary>
    public double Temperature { get; }

    /// <summary>Gets the provenance of this model's scores (cached: one object for every call).</summary>
    public ScoreProvenance Provenance { get; }

    /// <summary>Gets the provenance of a call whose model scores were not finite (cached: one object for every such call).</summary>
    public ScoreProvenance NotFiniteProvenance { get; }

    /// <summary>Gets whether the session has been disposed (every reference released).</summary>
    public bool IsDisposed => Volatile.Read(ref _references) <= 0;

    /// <summary>Returns whether this session serves the given version from an unchanged file.</summary>
    public bool Serves(ModelVersionInfo version, FileStamp modelStamp) =>
        string.Equals(Version.Version, version.Version, StringComparison.Ordinal)
        && string.Equals(Version.ModelPath, version.ModelPath, StringComparison.Ordinal)
        && ModelStamp == modelStamp;

    /// <summary>Takes a reference for one call; fails once the session has been retired and disposed.</summary>
    public bool TryAcquire()
    {
        var count = Volatile.Read(ref _references);
        while (count > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, count + 1, count);
            if (seen == count)
            {
                return true;
            }

            count = seen;
        }

        return false;
    }

    /// <summary>Gives back a reference; the last one disposes the native session.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _runOptions.Dispose();
            _session.Dispose();
        }
    }

    /// <summary>
    /// Scores <paramref name="rows"/> feature rows in one call. <paramref name="features"/> holds at least
    /// <c>rows × Width</c> floats; <paramref name="scores"/> receives one score per row. The caller holds a reference.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">The runtime failed.</exception>
    public void Run(float[] features, float[] scores, int rows) => Run(features, scores, null, rows);

    /// <summary>
    /// Scores <paramref name="rows"/> feature rows and, when <paramref name="reasons"/> is given and the model has a
    /// reason output, writes each row's <see cref="ReasonCount"/> reason outputs into it. The caller holds a reference.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">The runtime failed.</exception>
    public void Run(float[] features, float[] scores, float[]? reasons, int rows)
    {
        var inputShape = rows switch
        {
            1 => _oneRow,
            2 => _twoRows,
            _ => [rows, Width],
        };
        var outputShape = rows switch
        {
            1 => _oneScore,
            2 => _twoScores,
            _ => _scoreHasColumn ? [rows, 1] : [rows],
        };
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, features.AsMemory(0, rows * Width), inputShape);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, scores.AsMemory(0, rows), outputShape);
        if (reasons is null || ReasonCount == 0)
        {
            _session.Run(_runOptions, _inputNames, [input], _outputNames, [output]);
            return;
        }

        using var reasonOutput = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, reasons.AsMemory(0, rows * ReasonCount), [rows, ReasonCount]);
        _session.Run(_runOptions, _inputNames, [input], _outputNamesWithReasons, [output, reasonOutput]);
    }
}
