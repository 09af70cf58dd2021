using System.Globalization;
using Ancso.Ml.IO;

namespace Ancso.Ml.Embeddings.Local.Quantization;

/// <summary>
/// Dynamic int8 quantization of an ONNX encoder's weight matrix products, done in memory and deterministically: every
/// <c>MatMul</c> whose second input is a float initializer of shape [K, N] becomes com.microsoft's
/// <c>DynamicQuantizeMatMul</c> (the activations are quantized to uint8 at run time, per tensor; the weights are int8,
/// symmetric, one scale per output column, zero points 0). When the product's only reader is an <c>Add</c> of a float
/// vector [N] (a linear layer's bias), the bias becomes the operator's fifth input and the <c>Add</c> goes: one kernel
/// instead of two. The float weights no other node reads are dropped; every other field of the model, the graph and its
/// nodes is copied byte for byte. The same input gives the same bytes.
/// </summary>
internal static class Int8Quantizer
{
    /// <summary>The operator domain of ONNX Runtime's contrib operators.</summary>
    public const string MicrosoftDomain = "com.microsoft";

    /// <summary>The operator each quantized product becomes.</summary>
    public const string QuantizedOperator = "DynamicQuantizeMatMul";

    private const string Suffix = "_int8";

    /// <summary>Quantizes <paramref name="model"/>; <paramref name="quantized"/> is how many products were rewritten.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model, or it has no MatMul on a float weight matrix.</exception>
    public static byte[] Quantize(ReadOnlyMemory<byte> model, out int quantized)
    {
        var output = new ProtoWriter(model.Length / 3);
        var hasGraph = false;
        var hasMicrosoftOpset = false;
        quantized = 0;
        var reader = new ProtoReader(model.Span);
        while (reader.Next())
        {
            if (reader.Field == 7 && reader.WireType == 2)
            {
                var (start, length) = reader.ReadRange();
                output.Message(7, QuantizeGraph(model.Slice(start, length), out quantized));
                hasGraph = true;
                continue;
            }

            if (reader.Field == 8 && reader.WireType == 2)
            {
                var before = reader.FieldStart;
                hasMicrosoftOpset |= OpsetDomain(reader.ReadBytes()) == MicrosoftDomain;
                output.Raw(model.Span[before..reader.Position]);
                continue;
            }

            output.Raw(reader.SkipAndGetField());
        }

        if (!hasGraph)
        {
            throw new InvalidDataException("The model has no graph.");
        }

        if (!hasMicrosoftOpset)
        {
            output.Message(8, new ProtoWriter().String(1, MicrosoftDomain).Varint(2, 1));
        }

        return output.ToArray();
    }

    /// <summary>Counts the graph's nodes by operator (<c>domain:op</c> for a domain other than ONNX's), for inspection and tests.</summary>
    public static SortedDictionary<string, int> OperatorHistogram(ReadOnlyMemory<byte> model)
    {
        var histogram = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in ReadGraph(FindGraph(model)).Nodes)
        {
            var key = node.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Domain}:{node.OpType}";
            histogram[key] = histogram.GetValueOrDefault(key) + 1;
        }

        return histogram;
    }

    /// <summary>Lists the MatMul nodes whose second input is a float initializer: what <see cref="Quantize"/> rewrites.</summary>
    public static IReadOnlyList<string> FloatWeightProducts(ReadOnlyMemory<byte> model)
    {
        var graph = ReadGraph(FindGraph(model));
        return [.. graph.Nodes.Where(n => IsFloatWeightProduct(n, graph.Initializers)).Select(n => n.Name)];
    }

    private static ProtoWriter QuantizeGraph(ReadOnlyMemory<byte> graph, out int quantized)
    {
        var parts = ReadGraph(graph);
        var targets = parts.Nodes.Where(n => IsFloatWeightProduct(n, parts.Initializers)).ToHashSet();
        if (targets.Count == 0)
        {
            throw new InvalidDataException("The model's graph has no MatMul whose second input is a float weight matrix [K, N]; there is nothing to quantize.");
        }

        // A float weight stays when anything else reads it (another node, or a graph output).
        var stillRead = parts.Nodes.Where(n => !targets.Contains(n)).SelectMany(n => n.Inputs).Concat(parts.Outputs).ToHashSet(StringComparer.Ordinal);
        var weights = targets.Select(n => n.Inputs[1]).Distinct(StringComparer.Ordinal).ToList();
        var dropped = weights.Where(w => !stillRead.Contains(w)).ToHashSet(StringComparer.Ordinal);
        var taken = parts.Initializers.Keys.Concat(parts.Nodes.SelectMany(n => n.Outputs)).ToHashSet(StringComparer.Ordinal);
        foreach (var w in weights)
        {
            foreach (var name in QuantizedNames(w))
            {
                if (!taken.Add(name))
                {
                    throw new InvalidDataException($"The model already has a value named '{name}'; it cannot be quantized without renaming.");
                }
            }
        }

        var biases = FoldableBiases(parts, targets);
        var pruning = ClsRowPruning.Find(parts.Nodes, parts.Outputs);
        if (pruning is not null && (!targets.Contains(pruning.Query) || pruning.NewNames.Any(n => !taken.Add(n))))
        {
            pruning = null;
        }

        var output = new ProtoWriter(graph.Length / 3);
        var reader = new ProtoReader(graph.Span);
        var node = 0;
        while (reader.Next())
        {
            var field = reader.SkipAndGetField();
            switch (reader.Field)
            {
                case 1:
                    var current = parts.Nodes[node++];
                    if (current == pruning?.Query)
                    {
                        output.Message(1, pruning.SliceNode());
                        output.Message(1, QuantizedNode(current, biases.GetValueOrDefault(current), pruning.Row));
                    }
                    else if (targets.Contains(current))
                    {
                        output.Message(1, QuantizedNode(current, biases.GetValueOrDefault(current)));
                    }
                    else if (current == pruning?.Residual)
                    {
                        output.Message(1, pruning.ReadingTheRow(current));
                    }
                    else if (!biases.ContainsValue(current))
                    {
                        output.Raw(field);
                    }

                    break;
                case 5 when dropped.Contains(InitializerName(field)):
                    break;
                case 11 when dropped.Contains(ValueInfoName(field)):
                    // Before IR version 4 an initializer is also listed as a graph input; the input goes with it.
                    break;
                default:
                    output.Raw(field);
                    break;
            }
        }

        foreach (var w in weights)
        {
            WriteQuantizedWeight(output, parts.Initializers[w]);
        }

        pruning?.WriteInitializers(output);
        quantized = targets.Count;
        return output;
    }

    /// <summary>Finds, for each product, the <c>Add</c> of a bias [N] that is the only reader of its result.</summary>
    private static Dictionary<OnnxNode, OnnxNode> FoldableBiases(
        (List<OnnxNode> Nodes, Dictionary<string, OnnxTensor> Initializers, List<string> Outputs) parts, HashSet<OnnxNode> targets)
    {
        var readers = parts.Nodes.SelectMany(n => n.Inputs.Distinct(StringComparer.Ordinal).Select(i => (Input: i, Node: n)))
            .ToLookup(p => p.Input, p => p.Node, StringComparer.Ordinal);
        var graphOutputs = parts.Outputs.ToHashSet(StringComparer.Ordinal);
        var folded = new Dictionary<OnnxNode, OnnxNode>();
        foreach (var product in targets)
        {
            var result = product.Outputs[0];
            if (graphOutputs.Contains(result) || readers[result].ToList() is not [var add]
                || add.OpType != "Add" || add.Domain is not ("" or "ai.onnx") || add.Inputs.Length != 2 || add.Outputs.Length != 1
                || add.Inputs.Count(i => i == result) != 1)
            {
                continue;
            }

            var bias = add.Inputs[0] == result ? add.Inputs[1] : add.Inputs[0];
            var columns = parts.Initializers[product.Inputs[1]].Dims[1];
            if (parts.Initializers.TryGetValue(bias, out var b) && b.DataType == OnnxTensor.Float && !b.External && b.Dims is [var n] && n == columns)
            {
                folded[product] = add;
            }
        }

        return folded;
    }

    private static ProtoWriter QuantizedNode(OnnxNode node, OnnxNode? biasAdd, string? input = null)
    {
        var names = QuantizedNames(node.Inputs[1]);
        var result = new ProtoWriter()
            .String(1, input ?? node.Inputs[0]).String(1, names[0]).String(1, names[1]).String(1, names[2]);
        if (biasAdd is not null)
        {
            result.String(1, biasAdd.Inputs[0] == node.Outputs[0] ? biasAdd.Inputs[1] : biasAdd.Inputs[0]);
        }

        foreach (var o in biasAdd?.Outputs ?? node.Outputs)
        {
            result.String(2, o);
        }

        if (node.Name.Length > 0)
        {
            result.String(3, node.Name + Suffix);
        }

        return result.String(4, QuantizedOperator).String(7, MicrosoftDomain);
    }

    /// <summary>Symmetric per-column int8: scale = max |w| / 127 over the column, q = round-half-even(w / scale).</summary>
    private static void WriteQuantizedWeight(ProtoWriter graph, OnnxTensor weight)
    {
        var (k, n) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var values = weight.FloatValues((long)k * n)
            ?? throw new InvalidDataException($"The weight '{weight.Name}' declares shape [{k}, {n}] but holds another number of values.");
        var scales = new float[n];
        for (var c = 0; c < n; c++)
        {
            var max = 0f;
            for (var r = 0; r < k; r++)
            {
                var v = values[(r * n) + c];
                if (!float.IsFinite(v))
                {
                    throw new InvalidDataException($"The weight '{weight.Name}' holds a value that is not finite.");
                }

                max = Math.Max(max, Math.Abs(v));
            }

            scales[c] = max > 0 ? max / 127f : 1f;
        }

        var quantized = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            quantized[i] = (byte)(sbyte)Math.Clamp(MathF.Round(values[i] / scales[i % n], MidpointRounding.ToEven), -127f, 127f);
        }

        var scaleBytes = new byte[n * sizeof(float)];
        for (var c = 0; c < n; c++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(scaleBytes.AsSpan(c * 4), scales[c]);
        }

        var names = QuantizedNames(weight.Name);
        graph.Message(5, OnnxTensor.Write(names[0], [k, n], OnnxTensor.Int8, quantized));
        graph.Message(5, OnnxTensor.Write(names[1], [n], OnnxTensor.Float, scaleBytes));
        graph.Message(5, OnnxTensor.Write(names[2], [n], OnnxTensor.Int8, new byte[n]));
    }

    private static string[] QuantizedNames(string weight) => [weight + Suffix, weight + "_scale", weight + "_zero_point"];

    private static bool IsFloatWeightProduct(OnnxNode node, Dictionary<string, OnnxTensor> initializers) =>
        node.OpType == "MatMul" && node.Domain is "" or "ai.onnx" && node.Inputs.Length == 2 && node.Outputs.Length == 1
        && initializers.TryGetValue(node.Inputs[1], out var w)
        && w.DataType == OnnxTensor.Float && !w.External && w.Dims.Length == 2 && w.Dims[0] is > 0 and <= int.MaxValue && w.Dims[1] is > 0 and <= int.MaxValue
        && w.Dims[0] * w.Dims[1] <= int.MaxValue;

    private static (List<OnnxNode> Nodes, Dictionary<string, OnnxTensor> Initializers, List<string> Outputs) ReadGraph(ReadOnlyMemory<byte> graph)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var outputs = new List<string>();
        var reader = new ProtoReader(graph.Span);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.WireType != 2 || reader.Field is not (1 or 5 or 12))
            {
                reader.Skip();
                continue;
            }

            var (bodyStart, bodyLength) = reader.ReadRange();
            var field = graph[start..reader.Position];
            var body = graph.Slice(bodyStart, bodyLength);
            switch (reader.Field)
            {
                case 1:
                    nodes.Add(OnnxNode.Parse(field, body.Span));
                    break;
                case 5:
                    var tensor = OnnxTensor.Parse(field, body);
                    if (!initializers.TryAdd(tensor.Name, tensor))
                    {
                        throw new InvalidDataException($"The model has two initializers named '{tensor.Name}'.");
                    }

                    break;
                default:
                    outputs.Add(ValueInfoName(body.Span, isBody: true));
                    break;
            }
        }

        return (nodes, initializers, outputs);
    }

    private static ReadOnlyMemory<byte> FindGraph(ReadOnlyMemory<byte> model)
    {
        var reader = new ProtoReader(model.Span);
        while (reader.Next())
        {
            if (reader.Field == 7 && reader.WireType == 2)
            {
                var (start, length) = reader.ReadRange();
                return model.Slice(start, length);
            }

            reader.Skip();
        }

        throw new InvalidDataException("The model has no graph.");
    }

    private static string OpsetDomain(ReadOnlySpan<byte> opset)
    {
        var reader = new ProtoReader(opset);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                return reader.ReadString();
            }

            reader.Skip();
        }

        return "";
    }

    /// <summary>Gets the name (field 1 for a ValueInfoProto, 8 for a TensorProto) of a whole field or of a message body.</summary>
    private static string FirstString(ReadOnlySpan<byte> message, int nameField)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == nameField && reader.WireType == 2)
            {
                return reader.ReadString();
            }

            reader.Skip();
        }

        return "";
    }

    private static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> field)
    {
        var reader = new ProtoReader(field);
        reader.Next();
        return reader.ReadBytes();
    }

    private static string InitializerName(ReadOnlySpan<byte> field) => FirstString(Body(field), 8);

    private static string ValueInfoName(ReadOnlySpan<byte> field, bool isBody = false) => FirstString(isBody ? field : Body(field), 1);

    internal static string Describe(SortedDictionary<string, int> histogram) =>
        string.Join(", ", histogram.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")));
}
