using Ancso.Ml.Content;
using Ancso.Ml.Inference;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Benchmarks.Inference;

/// <summary>
/// The inference service against a bare ONNX Runtime <c>Run</c> on the same D = 1536 model file with the same session
/// options. Category <c>item</c>: one featurized item (precomputed embedding and metrics), two compared, and text → score
/// for a 300-character text (metrics + hashing embedding + model), against a bare batch-1 run. Category <c>batch</c>:
/// ranking 1,000 featurized items against a bare batch-1,000 run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class InferenceBenchmarks
{
    private const int BatchSize = 1000;

    private InferenceBenchmarkFixture _fixture = null!;
    private RunOptions _runOptions = null!;
    private string[] _inputNames = null!;
    private string[] _outputNames = null!;
    private OrtValue _oneRow = null!;
    private OrtValue _thousandRows = null!;
    private ContentItem[] _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new InferenceBenchmarkFixture();
        Console.WriteLine($"// Metrics analyzer: {_fixture.AnalyzerDescription}");
        _runOptions = new RunOptions();
        _inputNames = [_fixture.Service.CurrentSession!.Metadata.InputName];
        _outputNames = [_fixture.Service.CurrentSession!.Metadata.OutputName];
        var width = _fixture.Features.Layout.Width;
        var (features, _) = Ancso.Ml.Features.FeatureBuilderExtensions.BuildAsync(_fixture.Features, _fixture.FeaturizedItem).AsTask().GetAwaiter().GetResult();
        _oneRow = OrtValue.CreateTensorValueFromMemory(features, [1, width]);
        var (items, rows) = _fixture.MakeBatch(BatchSize);
        _batch = items;
        _thousandRows = OrtValue.CreateTensorValueFromMemory(rows, [BatchSize, width]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _oneRow.Dispose();
        _thousandRows.Dispose();
        _runOptions.Dispose();
        _fixture.Dispose();
    }

    /// <summary>A bare batch-1 run: input already in an <see cref="OrtValue"/>, output allocated by the runtime.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("item")]
    public float BareRun()
    {
        using var outputs = _fixture.BareSession.Run(_runOptions, _inputNames, [_oneRow], _outputNames);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    [Benchmark]
    [BenchmarkCategory("item")]
    public ValueTask<ItemScore> ScoreFeaturizedItem() => _fixture.Service.ScoreItemAsync(_fixture.FeaturizedItem);

    [Benchmark]
    [BenchmarkCategory("item")]
    public ValueTask<ComparisonResult> CompareFeaturizedItems() => _fixture.Service.CompareAsync(_fixture.FeaturizedItem, _fixture.OtherFeaturizedItem);

    [Benchmark]
    [BenchmarkCategory("item")]
    public ValueTask<ItemScore> TextToScore() => _fixture.Service.ScoreItemAsync(_fixture.TextItem);

    /// <summary>A bare batch-1,000 run over rows already in an <see cref="OrtValue"/>.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("batch")]
    public float BareRunThousand()
    {
        using var outputs = _fixture.BareSession.Run(_runOptions, _inputNames, [_thousandRows], _outputNames);
        return outputs[0].GetTensorDataAsSpan<float>()[BatchSize - 1];
    }

    [Benchmark]
    [BenchmarkCategory("batch")]
    public ValueTask<RankingResult> RankThousand() => _fixture.Service.RankAsync(_batch);
}
