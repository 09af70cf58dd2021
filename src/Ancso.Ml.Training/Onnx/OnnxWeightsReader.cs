using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;

namespace Ancso.Ml.Training.Onnx;

/// <summary>
/// Reads back the network and the metadata properties of an ONNX model that <see cref="OnnxModelWriter"/> wrote, so that
/// training can start from it. Nothing in the file is trusted: the shapes must chain as the writer lays them out, the
/// sizes must fit the file, and every value must be finite; anything else is an <see cref="InvalidDataException"/>.
/// </summary>
internal static class OnnxWeightsReader
{
    private const int FloatType = 1;

    public static (MlpWeights Weights, IReadOnlyDictionary<string, string> Properties) Read(byte[] onnx)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        var tensors = new Dictionary<string, (long[] Dims, float[] Values)>(StringComparer.Ordinal);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var model = new CodedInputStream(onnx);
            uint tag;
            while ((tag = model.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 7:
                        ReadGraph(model.ReadBytes(), tensors);
                        break;
                    case 14:
                        var (key, value) = ReadProperty(model.ReadBytes());
                        properties[key] = value;
                        break;
                    default:
                        model.SkipLastField();
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"The file is not a valid ONNX model: {ex.Message}", ex);
        }

        var layers = new List<DenseLayer>();
        for (var l = 0; tensors.TryGetValue($"layer{l}.weight", out var weight); l++)
        {
            if (!tensors.TryGetValue($"layer{l}.bias", out var bias) || weight.Dims.Length != 2 || bias.Dims.Length != 1 || bias.Dims[0] != weight.Dims[0])
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Layer {l} of the model is not a dense layer as this library writes it."));
            }

            try
            {
                layers.Add(new DenseLayer((int)weight.Dims[1], (int)weight.Dims[0], weight.Values, bias.Values));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Layer {l} of the model is not usable: {ex.Message}"), ex);
            }
        }

        if (layers.Count == 0)
        {
            throw new InvalidDataException("The model holds no layer0.weight: it was not written by this library.");
        }

        DenseLayer? reasonLayer = null;
        if (tensors.TryGetValue(OnnxModelWriter.ReasonWeightName, out var reasonWeight))
        {
            if (!tensors.TryGetValue(OnnxModelWriter.ReasonBiasName, out var reasonBias) || reasonWeight.Dims.Length != 2 || reasonBias.Dims.Length != 1 || reasonBias.Dims[0] != reasonWeight.Dims[0])
            {
                throw new InvalidDataException("The model's reason layer is not a dense layer as this library writes it.");
            }

            try
            {
                reasonLayer = new DenseLayer((int)reasonWeight.Dims[1], (int)reasonWeight.Dims[0], reasonWeight.Values, reasonBias.Values);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"The model's reason layer is not usable: {ex.Message}", ex);
            }
        }

        try
        {
            return (new MlpWeights(layers, reasonLayer), properties);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The model's layers do not form a ranker network: {ex.Message}", ex);
        }
    }

    private static void ReadGraph(ByteString graph, Dictionary<string, (long[] Dims, float[] Values)> tensors)
    {
        var input = graph.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 5)
            {
                var (name, dims, values) = ReadTensor(input.ReadBytes());
                if (values is not null)
                {
                    tensors[name] = (dims, values);
                }
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private static (string Name, long[] Dims, float[]? Values) ReadTensor(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var dims = new List<long>();
        var type = 0;
        var name = "";
        ByteString? raw = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    var packed = input.ReadBytes().CreateCodedInput();
                    while (!packed.IsAtEnd)
                    {
                        dims.Add(packed.ReadInt64());
                    }

                    break;
                case 1:
                    dims.Add(input.ReadInt64());
                    break;
                case 2:
                    type = input.ReadInt32();
                    break;
                case 8:
                    name = input.ReadString();
                    break;
                case 9:
                    raw = input.ReadBytes();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (type != FloatType || raw is null)
        {
            return (name, [.. dims], null);
        }

        var count = dims.Aggregate(1L, (a, d) => d is < 0 or > int.MaxValue ? -1 : a * d);
        if (count < 0 || count * 4 != raw.Length)
        {
            throw new InvalidDataException($"Tensor '{name}' declares shape [{string.Join(", ", dims)}] but holds {raw.Length} bytes.");
        }

        var values = new float[count];
        var span = raw.Span;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(span.Slice(i * 4, 4));
        }

        return (name, [.. dims], values);
    }

    private static (string Key, string Value) ReadProperty(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string key = "", value = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    key = input.ReadString();
                    break;
                case 2:
                    value = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (key, value);
    }
}
