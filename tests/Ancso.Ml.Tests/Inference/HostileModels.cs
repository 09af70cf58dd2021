using System.Diagnostics;
using System.Runtime.InteropServices;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Tests.Inference;

/// <summary>
/// Model files a hostile or unlucky user could leave in a models folder: real ONNX models that keep a tensor in an
/// external file or give non-finite scores, and FIFOs.
/// </summary>
internal static class HostileModels
{
    private const int FloatType = 1;
    private const int Int64Type = 7;

    /// <summary>
    /// A model scoring each row x as <c>sqrt(w·x + bias)</c>: NaN wherever <c>w·x + bias</c> is negative. With
    /// <paramref name="externalLocation"/>, <c>w</c> is not in the file but in <paramref name="externalLocation"/> (ONNX
    /// external data, offset 0).
    /// </summary>
    public static byte[] SqrtOfLinear(float[] weights, float bias, string? externalLocation = null)
    {
        var graph = new ProtoMessage();
        graph.String(2, "hostile");
        var w = new ProtoMessage();
        w.Int64(1, 1).Int64(1, weights.Length).Int32(2, FloatType).String(8, "w");
        if (externalLocation is null)
        {
            w.Bytes(9, MemoryMarshal.AsBytes(weights.AsSpan()));
        }
        else
        {
            w.Message(13, Entry("location", externalLocation));
            w.Message(13, Entry("offset", "0"));
            w.Message(13, Entry("length", (weights.Length * 4).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            w.Int32(14, 1);
        }

        graph.Message(5, w);
        var b = new ProtoMessage();
        b.Int64(1, 1).Int32(2, FloatType).String(8, "b").Bytes(9, MemoryMarshal.AsBytes(new[] { bias }.AsSpan()));
        graph.Message(5, b);
        var shape = new ProtoMessage();
        shape.Int64(1, 1).Int32(2, Int64Type).String(8, "shape").Bytes(9, MemoryMarshal.AsBytes(new[] { -1L }.AsSpan()));
        graph.Message(5, shape);
        graph.Message(1, Node("Gemm", ["features", "w", "b"], "linear", transB: true));
        graph.Message(1, Node("Sqrt", ["linear"], "root"));
        graph.Message(1, Node("Reshape", ["root", "shape"], "score"));
        graph.Message(11, ValueInfo("features", weights.Length));
        graph.Message(12, ValueInfo("score", null));

        using var model = new ProtoMessage();
        model.Int64(1, 8).String(2, "hostile-tests");
        model.Message(7, graph);
        var opset = new ProtoMessage();
        opset.String(1, "").Int64(2, OnnxModelWriter.OpsetVersion);
        model.Message(8, opset);
        return model.ToArray();
    }

    /// <summary>Creates a FIFO (named pipe): opening it to read blocks until a writer opens it.</summary>
    public static void MakeFifo(string path)
    {
        Assert.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), Is.True, "FIFOs need Linux or macOS (mkfifo)");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, $"mkfifo {path}: {mkfifo.StandardError.ReadToEnd()}");
    }

    private static ProtoMessage Entry(string key, string value)
    {
        var entry = new ProtoMessage();
        entry.String(1, key).String(2, value);
        return entry;
    }

    private static ProtoMessage Node(string op, string[] inputs, string output, bool transB = false)
    {
        var node = new ProtoMessage();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        node.String(2, output).String(3, op + "_" + output).String(4, op);
        if (transB)
        {
            var attribute = new ProtoMessage();
            attribute.String(1, "transB").Int64(3, 1).Int32(20, 2);
            node.Message(5, attribute);
        }

        return node;
    }

    private static ProtoMessage ValueInfo(string name, int? width)
    {
        var shape = new ProtoMessage();
        var batch = new ProtoMessage();
        batch.String(2, "N");
        shape.Message(1, batch);
        if (width is { } w)
        {
            var dim = new ProtoMessage();
            dim.Int64(1, w);
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
