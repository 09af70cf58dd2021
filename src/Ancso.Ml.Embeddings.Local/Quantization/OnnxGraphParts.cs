using Ancso.Ml.IO;

namespace Ancso.Ml.Embeddings.Local.Quantization;

/// <summary>The parts of an ONNX <c>NodeProto</c> the quantizer looks at; the node's bytes are kept to copy it unchanged.</summary>
internal sealed record OnnxNode(string OpType, string Domain, string Name, string[] Inputs, string[] Outputs, ReadOnlyMemory<byte> Field)
{
    public static OnnxNode Parse(ReadOnlyMemory<byte> field, ReadOnlySpan<byte> body)
    {
        List<string> inputs = [], outputs = [];
        string opType = "", domain = "", name = "";
        var reader = new ProtoReader(body);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: inputs.Add(reader.ReadString()); break;
                case 2: outputs.Add(reader.ReadString()); break;
                case 3: name = reader.ReadString(); break;
                case 4: opType = reader.ReadString(); break;
                case 7: domain = reader.ReadString(); break;
                default: reader.Skip(); break;
            }
        }

        return new OnnxNode(opType, domain, name, [.. inputs], [.. outputs], field);
    }
}

/// <summary>The parts of an ONNX <c>TensorProto</c> the quantizer looks at.</summary>
internal sealed record OnnxTensor(string Name, long[] Dims, int DataType, bool External, ReadOnlyMemory<byte> RawData, float[]? FloatData, ReadOnlyMemory<byte> Field)
{
    public const int Float = 1;
    public const int Int8 = 3;
    public const int Int64 = 7;

    public static OnnxTensor Parse(ReadOnlyMemory<byte> field, ReadOnlyMemory<byte> body)
    {
        var dims = new List<long>();
        var name = "";
        var type = 0;
        var external = false;
        ReadOnlyMemory<byte> raw = default;
        List<float>? floats = null;
        var reader = new ProtoReader(body.Span);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: reader.ReadInt64s(dims); break;
                case 2: type = (int)reader.ReadInt64(); break;
                case 4: ReadFloats(ref reader, floats ??= []); break;
                case 8: name = reader.ReadString(); break;
                case 9:
                    var (start, length) = reader.ReadRange();
                    raw = body.Slice(start, length);
                    break;
                case 14: external = reader.ReadInt64() == 1; break;
                default: reader.Skip(); break;
            }
        }

        return new OnnxTensor(name, [.. dims], type, external, raw, floats?.ToArray(), field);
    }

    /// <summary>Gets the values of a float tensor of <paramref name="count"/> elements, or <see langword="null"/> when it holds another count.</summary>
    public float[]? FloatValues(long count)
    {
        if (FloatData is { } floats)
        {
            return floats.Length == count ? floats : null;
        }

        if (RawData.Length != count * sizeof(float))
        {
            return null;
        }

        var values = new float[count];
        var span = RawData.Span;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(span.Slice(i * 4, 4));
        }

        return values;
    }

    /// <summary>Writes a tensor: dims, type, name and little-endian raw data.</summary>
    public static ProtoWriter Write(string name, ReadOnlySpan<long> dims, int dataType, ReadOnlySpan<byte> raw)
    {
        var tensor = new ProtoWriter(raw.Length + 64);
        foreach (var d in dims)
        {
            tensor.Varint(1, d);
        }

        return tensor.Varint(2, dataType).String(8, name).Bytes(9, raw);
    }

    private static void ReadFloats(ref ProtoReader reader, List<float> values)
    {
        if (reader.WireType != 2)
        {
            throw new InvalidDataException("A tensor's float_data is not packed; only packed float_data and raw_data are read.");
        }

        var bytes = reader.ReadBytes();
        if (bytes.Length % 4 != 0)
        {
            throw new InvalidDataException("A tensor's packed float_data is not a whole number of floats.");
        }

        for (var i = 0; i < bytes.Length; i += 4)
        {
            values.Add(System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i, 4)));
        }
    }
}
