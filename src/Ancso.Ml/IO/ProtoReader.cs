namespace Ancso.Ml.Embeddings.Local.Quantization;

/// <summary>
/// Reads one protobuf message's fields from a span, as ONNX's messages are laid out: every length is checked against what
/// is left, so a damaged or hostile file ends in an <see cref="InvalidDataException"/>, never in a read past the end.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>Gets the field number of the field just read.</summary>
    public int Field { get; private set; }

    /// <summary>Gets the wire type of the field just read: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32.</summary>
    public int WireType { get; private set; }

    /// <summary>Gets where the field just read starts (its tag), for copying it unchanged.</summary>
    public int FieldStart { get; private set; }

    /// <summary>Gets the position after the field just read, once its value was read or skipped.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the next field's tag; <see langword="false"/> at the end of the message.</summary>
    public bool Next()
    {
        if (_position >= _data.Length)
        {
            return false;
        }

        FieldStart = _position;
        var tag = ReadVarint();
        Field = checked((int)(tag >> 3));
        WireType = (int)(tag & 7);
        if (Field == 0)
        {
            throw new InvalidDataException("A protobuf field has number 0.");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new InvalidDataException("A protobuf varint runs past the end of its message.");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A protobuf varint is longer than ten bytes.");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var (start, length) = ReadRange();
        return _data.Slice(start, length);
    }

    /// <summary>Reads a length-delimited value and returns where it lies in this reader's data.</summary>
    public (int Start, int Length) ReadRange()
    {
        Expect(2);
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException($"A protobuf field claims {length} bytes; {_data.Length - _position} are left.");
        }

        var start = _position;
        _position += (int)length;
        return (start, (int)length);
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    public long ReadInt64()
    {
        Expect(0);
        return (long)ReadVarint();
    }

    /// <summary>Skips the value of the field just read.</summary>
    public void Skip()
    {
        switch (WireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Advance(8);
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                Advance(4);
                break;
            default:
                throw new InvalidDataException($"Protobuf wire type {WireType} (field {Field}) is not supported.");
        }
    }

    /// <summary>Skips the value of the field just read and returns the whole field, tag included.</summary>
    public ReadOnlySpan<byte> SkipAndGetField()
    {
        Skip();
        return _data[FieldStart.._position];
    }

    /// <summary>Reads a repeated int64 field's values, packed or not, into <paramref name="values"/>.</summary>
    public void ReadInt64s(List<long> values)
    {
        if (WireType != 2)
        {
            values.Add(ReadInt64());
            return;
        }

        var packed = new ProtoReader(ReadBytes());
        while (packed._position < packed._data.Length)
        {
            values.Add((long)packed.ReadVarint());
        }
    }

    private void Advance(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new InvalidDataException("A protobuf fixed-size field runs past the end of its message.");
        }

        _position += count;
    }

    private readonly void Expect(int wireType)
    {
        if (WireType != wireType)
        {
            throw new InvalidDataException($"Protobuf field {Field} has wire type {WireType}; {wireType} was expected.");
        }
    }
}
