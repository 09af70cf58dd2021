using Ancso.Ml.Inference;
using Ancso.Ml.Tests.Training;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Tests.Inference;

public class OnnxExternalDataTests
{
    [Test]
    public void Find_TrainedModel_Nothing()
    {
        var model = OnnxModelWriter.Write(OnnxModelWriterTests.RandomNetwork(70, seed: 1));

        Assert.That(OnnxExternalData.Find(model), Is.Null);
    }

    [Test]
    public void Find_InitializerWithExternalData_NamesTensorAndLocation()
    {
        var model = HostileModels.SqrtOfLinear(new float[70], 1f, externalLocation: "data/ranker/pairs.db");

        var finding = OnnxExternalData.Find(model);

        Assert.That(finding!.Value.IsMalformed, Is.False);
        Assert.That(finding.Value.Description, Does.Contain("'w'").And.Contain("'data/ranker/pairs.db'"));
    }

    [Test]
    public void Find_ExternalTensorInsideASubgraphAttribute_Found()
    {
        // ModelProto.graph(7) > GraphProto.node(1) > NodeProto.attribute(5) > AttributeProto.g(6) > GraphProto.initializer(5) > TensorProto.data_location(14) = 1
        var tensor = Message((8, Text("hidden")), (14, 1UL));
        var inner = Message((5, tensor));
        var attribute = Message((1, Text("then_branch")), (6, inner));
        var node = Message((4, Text("If")), (5, attribute));
        var graph = Message((1, node));
        var model = Message((1, 8UL), (7, graph));

        Assert.That(OnnxExternalData.Find(model)!.Value.Description, Does.Contain("'hidden'"));
    }

    [TestCase(new byte[] { 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [TestCase(new byte[] { 0x0F })]
    [TestCase(new byte[] { 0x08 })]
    public void Find_Malformed_SaysSo(byte[] model)
    {
        Assert.That(OnnxExternalData.Find(model)!.Value.IsMalformed, Is.True);
    }

    [Test]
    public void Find_DeeplyNestedGroups_MalformedWithoutStackOverflow()
    {
        var model = Enumerable.Repeat((byte)0x0B, 100_000).ToArray(); // field 1, start group, nested without end

        Assert.That(OnnxExternalData.Find(model)!.Value.IsMalformed, Is.True);
    }

    private static byte[] Text(string value) => System.Text.Encoding.UTF8.GetBytes(value);

    /// <summary>Encodes fields: a byte array is length-delimited, a ulong a varint.</summary>
    private static byte[] Message(params (int Field, object Value)[] fields)
    {
        var bytes = new List<byte>();
        foreach (var (field, value) in fields)
        {
            if (value is byte[] data)
            {
                Varint(bytes, ((ulong)field << 3) | 2);
                Varint(bytes, (ulong)data.Length);
                bytes.AddRange(data);
            }
            else
            {
                Varint(bytes, (ulong)field << 3);
                Varint(bytes, (ulong)value);
            }
        }

        return [.. bytes];
    }

    private static void Varint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }
}
