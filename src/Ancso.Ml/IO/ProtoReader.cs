using System.Text;

namespace Ancso.Ml.IO;

/// <summary>
/// Reads one protobuf message's fields from a span, as ONNX's messages are laid out: every length is checked against what
/// is left, so a damaged or hostile file ends in an <see cref="InvalidDataException"/>, never in a read past the end.
/// The one wire-format reader of the model checks (<c>OnnxExternalData</c>) and the int8 rewrite of the local encoder,
/// which compiles this file as shared source.
/// </summary>
internal ref struct ProtoReader
{
    /// <summary>The deepest nesting of groups <see cref="Skip()"/> follows.</summary>
    public const int MaxGroupDepth = 64;

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

    /// <summary>Gets whether every field of the message was read.</summary>
    public readonly bool End => _position >= _data.Length;

    /// <summary>Reads the next field's tag; <see langword="false"/> at the end of the message.</summary>
    public bool Next()
    {
        if (_position >= _data.Length)
        {
            return false;
        }

        FieldStart = _position;
        (Field, WireType) = ReadTag();
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
        return ReadLengthDelimited();
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    public long ReadInt64()
    {
        Expect(0);
        return (long)ReadVarint();
    }

    /// <summary>Skips the value of the field just read; a group (wire type 3) up to its end tag.</summary>
    public void Skip() => Skip(WireType, Field, depth: 0);

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

    private (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = tag >> 3;
        if (field is 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"A protobuf field has number {field} at byte {_position}.");
        }

        return ((int)field, (int)(tag & 7));
    }

    private void Skip(int wireType, int field, int depth)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Advance(8);
                break;
            case 2:
                ReadLengthDelimited();
                break;
            case 5:
                Advance(4);
                break;
            case 3:
                SkipGroup(field, depth + 1);
                break;
            default:
                throw new InvalidDataException($"Protobuf wire type {wireType} (field {field}) at byte {_position} is not valid here.");
        }
    }

    private void SkipGroup(int field, int depth)
    {
        if (depth > MaxGroupDepth)
        {
            throw new InvalidDataException($"Protobuf groups are nested more than {MaxGroupDepth} deep.");
        }

        while (true)
        {
            if (End)
            {
                throw new InvalidDataException($"Protobuf group {field} is not closed.");
            }

            var (inner, wireType) = ReadTag();
            if (wireType == 4)
            {
                if (inner != field)
                {
                    throw new InvalidDataException($"Protobuf group {field} is closed as {inner}.");
                }

                return;
            }

            Skip(wireType, inner, depth);
        }
    }

    private (int Start, int Length) ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException($"A protobuf field claims {length} bytes; {_data.Length - _position} are left.");
        }

        var start = _position;
        _position += (int)length;
        return (start, (int)length);
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
