using Ancso.Ml.IO;

namespace Ancso.Ml.Tests.IO;

/// <summary>The one protobuf reader: fields, skipping (groups included) and malformed input.</summary>
public class ProtoReaderTests
{
    [Test]
    public void Skip_GroupBetweenFields_ReadsTheFieldAfterIt()
    {
        // field 1 varint 5; field 2 group { field 3 bytes "ab" } end group 2; field 4 bytes "cd"
        byte[] message = [0x08, 0x05, 0x13, 0x1A, 0x02, (byte)'a', (byte)'b', 0x14, 0x22, 0x02, (byte)'c', (byte)'d'];
        var reader = new ProtoReader(message);
        var seen = new List<(int, string)>();
        while (reader.Next())
        {
            if (reader.Field == 4)
            {
                seen.Add((4, reader.ReadString()));
            }
            else
            {
                seen.Add((reader.Field, reader.SkipAndGetField().Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        Assert.That(seen, Is.EqualTo(new[] { (1, "2"), (2, "6"), (4, "cd") }));
    }

    [TestCase(new byte[] { 0x13, 0x08, 0x01 }, "not closed")]
    [TestCase(new byte[] { 0x13, 0x1C }, "closed as 3")]
    [TestCase(new byte[] { 0x00 }, "number 0")]
    [TestCase(new byte[] { 0x0A, 0x05, 0x01 }, "claims 5 bytes")]
    [TestCase(new byte[] { 0x0F }, "wire type 7")]
    public void Skip_Malformed_ThrowsInvalidDataNamingTheProblem(byte[] message, string problem)
    {
        var exception = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new ProtoReader(message);
            while (reader.Next())
            {
                reader.Skip();
            }
        });
        Assert.That(exception!.Message, Does.Contain(problem));
    }
}
