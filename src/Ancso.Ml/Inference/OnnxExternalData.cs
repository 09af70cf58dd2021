using Ancso.Ml.IO;

namespace Ancso.Ml.Inference;

/// <summary>
/// Finds tensors of an ONNX model whose data lives in another file (<c>TensorProto.data_location = EXTERNAL</c> or
/// <c>external_data</c> entries). ONNX Runtime resolves such a file relative to the model's folder, or, for a model
/// loaded from memory as here, relative to the process's working folder, and reads whatever it names. A served model
/// must hold its weights itself, so any such tensor is refused. Reads the protobuf wire format directly, descending only
/// into the messages that can hold tensors: graphs, nodes, attributes, functions, training info and sparse tensors.
/// </summary>
internal static class OnnxExternalData
{
    private const int MaxDepth = 64;

    private enum Message
    {
        Model,
        Graph,
        Node,
        Attribute,
        Function,
        TrainingInfo,
        SparseTensor,
        Tensor,
    }

    /// <summary>
    /// Returns the first tensor stored outside the model (its name and location), or why the bytes are not a readable
    /// protobuf, or <see langword="null"/> when every tensor is held inside the model.
    /// </summary>
    public static Finding? Find(ReadOnlySpan<byte> model)
    {
        try
        {
            var reader = new ProtoReader(model);
            return Scan(ref reader, Message.Model, depth: 0) is { } external ? new Finding(IsMalformed: false, external) : null;
        }
        catch (InvalidDataException ex)
        {
            return new Finding(IsMalformed: true, $"it is not a valid ONNX protobuf ({ex.Message})");
        }
    }

    /// <summary>What <see cref="Find"/> found: a tensor with external data, or a malformed file.</summary>
    /// <param name="IsMalformed">Whether the bytes are not a readable protobuf at all.</param>
    /// <param name="Description">What was found, as a phrase.</param>
    public readonly record struct Finding(bool IsMalformed, string Description);

    private static string? Scan(ref ProtoReader reader, Message message, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"Messages are nested more than {MaxDepth} deep.");
        }

        string? tensorName = null;
        string? location = null;
        var external = false;
        while (reader.Next())
        {
            var (field, wireType) = (reader.Field, reader.WireType);
            if (message == Message.Tensor)
            {
                switch (field, wireType)
                {
                    case (8, 2):
                        tensorName = reader.ReadString();
                        continue;
                    case (14, 0):
                        external |= reader.ReadVarint() == 1;
                        continue;
                    case (13, 2):
                        external = true;
                        var entryLocation = ReadLocation(reader.ReadBytes());
                        location ??= entryLocation;
                        continue;
                }
            }
            else if (wireType == 2 && Child(message, field) is { } child)
            {
                var inner = new ProtoReader(reader.ReadBytes());
                if (Scan(ref inner, child, depth + 1) is { } found)
                {
                    return found;
                }

                continue;
            }

            reader.Skip();
        }

        return external
            ? $"tensor '{tensorName ?? "(unnamed)"}' keeps its data in an external file{(location is null ? "" : $" ('{location}')")}"
            : null;
    }

    /// <summary>The message type of a length-delimited field that can (transitively) hold a tensor, per onnx.proto.</summary>
    private static Message? Child(Message parent, int field) => (parent, field) switch
    {
        (Message.Model, 7) => Message.Graph,
        (Message.Model, 20) => Message.TrainingInfo,
        (Message.Model, 25) => Message.Function,
        (Message.Graph, 1) => Message.Node,
        (Message.Graph, 5) => Message.Tensor,
        (Message.Graph, 15) => Message.SparseTensor,
        (Message.Node, 5) => Message.Attribute,
        (Message.Attribute, 5 or 10) => Message.Tensor,
        (Message.Attribute, 6 or 11) => Message.Graph,
        (Message.Attribute, 22 or 23) => Message.SparseTensor,
        (Message.Function, 7) => Message.Node,
        (Message.Function, 11) => Message.Attribute,
        (Message.TrainingInfo, 1 or 2) => Message.Graph,
        (Message.SparseTensor, 1 or 2) => Message.Tensor,
        _ => null,
    };

    /// <summary>Reads the <c>location</c> value of a <c>StringStringEntryProto</c>, if that is its key.</summary>
    private static string? ReadLocation(ReadOnlySpan<byte> entry)
    {
        var reader = new ProtoReader(entry);
        string? key = null, value = null;
        while (reader.Next())
        {
            if (reader.WireType == 2 && reader.Field is 1 or 2)
            {
                var text = reader.ReadString();
                if (reader.Field == 1)
                {
                    key = text;
                }
                else
                {
                    value = text;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return key == "location" ? value : null;
    }
}
