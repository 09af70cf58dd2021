using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ancso.Ml.Training.Onnx;

/// <summary>
/// Writes the ranker's network as an ONNX model: input <c>features</c> float32 <c>[N, D+6]</c> (dynamic batch),
/// <c>Gemm</c> (transB = 1) and <c>Relu</c> per layer, output <c>score</c> float32 <c>[N]</c> and, for a network with a
/// reason layer, output <c>reasons</c> float32 <c>[N, K]</c> (a <c>Gemm</c> on the first hidden layer's output, beside
/// the score's); opset 17, which ONNX Runtime 1.31 supports. Needs no TorchSharp.
/// </summary>
internal static class OnnxModelWriter
{
    /// <summary>The input's name: <c>features</c>.</summary>
    public const string InputName = "features";

    /// <summary>The output's name: <c>score</c>.</summary>
    public const string OutputName = "score";

    /// <summary>The reason output's name: <c>reasons</c>.</summary>
    public const string ReasonOutputName = "reasons";

    /// <summary>The name of the reason layer's weight initializer.</summary>
    public const string ReasonWeightName = "reasons.weight";

    /// <summary>The name of the reason layer's bias initializer.</summary>
    public const string ReasonBiasName = "reasons.bias";

    /// <summary>The ONNX operator set the model uses.</summary>
    public const int OpsetVersion = 17;

    private const long IrVersion = 8;
    private const int FloatType = 1;
    private const int Int64Type = 7;
    private const int AttributeInt = 2;

    /// <summary>Encodes a network as ONNX.</summary>
    /// <param name="weights">The network.</param>
    /// <param name="metadata">Key/value pairs stored in the model's <c>metadata_props</c>, or <see langword="null"/>.</param>
    /// <returns>The ONNX model's bytes.</returns>
    public static byte[] Write(MlpWeights weights, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var graph = new ProtoMessage();
        graph.String(2, "ancso_ranker");

        var current = InputName;
        for (var l = 0; l < weights.Layers.Count; l++)
        {
            var layer = weights.Layers[l];
            var w = $"layer{l}.weight";
            var b = $"layer{l}.bias";
            graph.Message(5, FloatTensor(w, [layer.Outputs, layer.Inputs], layer.WeightArray));
            graph.Message(5, FloatTensor(b, [layer.Outputs], layer.BiasArray));
            var gemmOut = $"layer{l}.out";
            graph.Message(1, Node($"gemm{l}", "Gemm", [current, w, b], [gemmOut], ("transB", 1)));
            current = gemmOut;
            if (l < weights.Layers.Count - 1)
            {
                var reluOut = $"layer{l}.relu";
                graph.Message(1, Node($"relu{l}", "Relu", [current], [reluOut]));
                current = reluOut;
                if (l == 0 && weights.ReasonLayer is { } reasons)
                {
                    graph.Message(5, FloatTensor(ReasonWeightName, [reasons.Outputs, reasons.Inputs], reasons.WeightArray));
                    graph.Message(5, FloatTensor(ReasonBiasName, [reasons.Outputs], reasons.BiasArray));
                    graph.Message(1, Node("gemm_reasons", "Gemm", [current, ReasonWeightName, ReasonBiasName], [ReasonOutputName], ("transB", 1)));
                }
            }
        }

        // [N, 1] -> [N]
        graph.Message(5, Int64Tensor("score_shape", [1], [-1]));
        graph.Message(1, Node("flatten_score", "Reshape", [current, "score_shape"], [OutputName]));

        graph.Message(11, ValueInfo(InputName, [null, weights.InputDimension]));
        graph.Message(12, ValueInfo(OutputName, [null]));
        if (weights.ReasonLayer is { } reasonLayer)
        {
            graph.Message(12, ValueInfo(ReasonOutputName, [null, reasonLayer.Outputs]));
        }

        using var model = new ProtoMessage();
        model.Int64(1, IrVersion);
        model.String(2, "Ancso.Ml");
        model.String(3, typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "0.0.0");
        model.Message(7, graph);
        var opset = new ProtoMessage();
        opset.String(1, "");
        opset.Int64(2, OpsetVersion);
        model.Message(8, opset);

        if (metadata is not null)
        {
            foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var entry = new ProtoMessage();
                entry.String(1, key).String(2, value);
                model.Message(14, entry);
            }
        }

        return model.ToArray();
    }

    private static ProtoMessage Node(string name, string opType, string[] inputs, string[] outputs, params (string Name, long Value)[] intAttributes)
    {
        var node = new ProtoMessage();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, name).String(4, opType);
        foreach (var (attrName, value) in intAttributes)
        {
            var attribute = new ProtoMessage();
            attribute.String(1, attrName).Int64(3, value).Int32(20, AttributeInt);
            node.Message(5, attribute);
        }

        return node;
    }

    private static ProtoMessage FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new ProtoMessage();
        foreach (var d in dims)
        {
            tensor.Int64(1, d);
        }

        tensor.Int32(2, FloatType).String(8, name);
        if (BitConverter.IsLittleEndian)
        {
            tensor.Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            var raw = new byte[values.Length * 4];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), values[i]);
            }

            tensor.Bytes(9, raw);
        }

        return tensor;
    }

    private static ProtoMessage Int64Tensor(string name, long[] dims, long[] values)
    {
        var tensor = new ProtoMessage();
        foreach (var d in dims)
        {
            tensor.Int64(1, d);
        }

        tensor.Int32(2, Int64Type).String(8, name);
        var raw = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), values[i]);
        }

        tensor.Bytes(9, raw);
        return tensor;
    }

    private static ProtoMessage ValueInfo(string name, int?[] dims)
    {
        var shape = new ProtoMessage();
        foreach (var d in dims)
        {
            var dim = new ProtoMessage();
            if (d is { } value)
            {
                dim.Int64(1, value);
            }
            else
            {
                dim.String(2, "N");
            }

            shape.Message(1, dim);
        }

        var tensorType = new ProtoMessage();
        tensorType.Int32(1, FloatType).Message(2, shape);
        var type = new ProtoMessage();
        type.Message(1, tensorType);
        var info = new ProtoMessage();
        info.String(1, name).Message(2, type);
        return info;
    }
}
