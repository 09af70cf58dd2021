using Ancso.Ml.Embeddings.Local.Quantization;

namespace Ancso.Ml.Embeddings.Local.Tests.Quantization;

/// <summary>Writes small ONNX models for the quantizer's tests: one graph input X [rows, K], nodes, float initializers, one output Y.</summary>
internal static class TinyOnnx
{
    public static byte[] Model(int rows, int inputWidth, int outputWidth, IEnumerable<(string Op, string[] Inputs, string Output)> nodes, params (string Name, long[] Dims, float[] Values)[] initializers)
    {
        var graph = new ProtoWriter();
        foreach (var (op, inputs, output) in nodes)
        {
            var node = new ProtoWriter();
            foreach (var input in inputs)
            {
                node.String(1, input);
            }

            graph.Message(1, node.String(2, output).String(3, output + "_node").String(4, op));
        }

        graph.String(2, "tiny");
        foreach (var (name, dims, values) in initializers)
        {
            var raw = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
            graph.Message(5, OnnxTensor.Write(name, dims, OnnxTensor.Float, raw));
        }

        graph.Message(11, ValueInfo("X", rows, inputWidth));
        graph.Message(12, ValueInfo("Y", rows, outputWidth));
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "ancso-tests")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, 17))
            .ToArray();
    }

    /// <summary>Y = X · W + B, X [rows, k], W [k, n].</summary>
    public static byte[] Linear(int rows, int k, int n, int seed = 1)
    {
        var random = new Random(seed);
        var w = Enumerable.Range(0, k * n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        return Model(rows, k, n, [("MatMul", ["X", "W"], "XW"), ("Add", ["XW", "B"], "Y")], ("W", [k, n], w), ("B", [n], b));
    }

    private static ProtoWriter ValueInfo(string name, int rows, int columns)
    {
        var shape = new ProtoWriter()
            .Message(1, new ProtoWriter().Varint(1, rows))
            .Message(1, new ProtoWriter().Varint(1, columns));
        var tensorType = new ProtoWriter().Varint(1, OnnxTensor.Float).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
