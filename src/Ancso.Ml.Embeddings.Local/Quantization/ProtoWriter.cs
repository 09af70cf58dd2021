using System.Buffers;

namespace Ancso.Ml.Embeddings.Local.Quantization;

/// <summary>Writes protobuf fields into a growing buffer: the few field kinds ONNX's messages need.</summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public ProtoWriter(int capacity = 256) => _buffer = new ArrayBufferWriter<byte>(Math.Max(capacity, 256));

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Copies a field, tag included, as it was read.</summary>
    public ProtoWriter Raw(ReadOnlySpan<byte> field)
    {
        _buffer.Write(field);
        return this;
    }

    public ProtoWriter Varint(int field, long value)
    {
        WriteVarint(((ulong)field << 3) | 0);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        WriteVarint(((ulong)field << 3) | 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.WrittenSpan);

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void WriteVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        _buffer.Advance(n);
    }
}
