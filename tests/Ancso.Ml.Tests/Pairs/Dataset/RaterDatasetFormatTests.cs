using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;

namespace Ancso.Ml.Tests.Pairs.Dataset;

/// <summary>Both dataset layouts carry the rater's pseudonym, check it as untrusted input, and still read what was written before raters.</summary>
public class RaterDatasetFormatTests
{
    private const string Alice = "r_0123456789abcdef0123456789abcdef";
    private const string Bob = "r_fedcba9876543210fedcba9876543210";
    private const int Width = 3;
    private const int PairsAt = 16 + (3 * Width * 4) + (3 * 12);

    private const string Line =
        """{"pair_id":"p_1","a_id":"i_a","b_id":"i_b","platform":"github","section":"bio","label":1,"source":"user_choice","tags":["x"],"created_at":"2026-11-25T09:15:00+00:00","a_features":[0.1,0.2,0.3],"b_features":[0.4,0.5,0.6]}""";

    private static readonly string WithRater = Line.Replace("}", $$""","rater":"{{Alice}}"}""", StringComparison.Ordinal);

    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    private static IEnumerable<TestCaseData> MalformedRaters()
    {
        static TestCaseData Case(string name, string line, string problem) =>
            new TestCaseData(line, problem).SetName($"ReadRowsAsync_Jsonl{name}_ThrowsNamingFileLineAndRater");

        yield return Case("RaterIsAPersonsId", Line.Replace("}", ""","rater":"alice@example.com"}""", StringComparison.Ordinal), "not a rater pseudonym");
        yield return Case("RaterUpperCaseHex", Line.Replace("}", $$""","rater":"{{Alice.ToUpperInvariant()}}"}""", StringComparison.Ordinal), "not a rater pseudonym");
        yield return Case("RaterIsANumber", Line.Replace("}", ""","rater":12345}""", StringComparison.Ordinal), "expected a string");
        yield return Case("RaterIsNull", Line.Replace("}", ""","rater":null}""", StringComparison.Ordinal), "expected a string");
        yield return Case("RaterEmpty", Line.Replace("}", ""","rater":""}""", StringComparison.Ordinal), "empty");
        yield return Case("RaterOnBootstrapPair", WithRater.Replace("user_choice", "bootstrap", StringComparison.Ordinal), "bootstrap");
        yield return Case("RaterFirstOnBootstrapPair", Line.Replace("{", $$"""{"rater":"{{Alice}}",""", StringComparison.Ordinal).Replace("user_choice", "bootstrap", StringComparison.Ordinal), "bootstrap");
        yield return Case("RaterTwice", WithRater.Replace("}", $$""","rater":"{{Bob}}"}""", StringComparison.Ordinal), "twice");
    }

    [TestCaseSource(nameof(MalformedRaters))]
    public async Task ReadRowsAsync_JsonlMalformedRater_Throws(string line, string problem)
    {
        var path = await WriteTextAsync(WithRater + "\n" + line + "\n");

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.Multiple(() =>
        {
            Assert.That(e!.FilePath, Is.EqualTo(path));
            Assert.That(e.LineNumber, Is.EqualTo(2));
            Assert.That(e.Field, Is.EqualTo("rater"));
            Assert.That(e.Message, Does.StartWith($"{path}, line 2").And.Contain(problem).And.Not.Contain("alice@example.com"));
        });
    }

    [Test]
    public async Task ReadRowsAsync_JsonlWithAndWithoutRater_GivesTheRaterOrNull()
    {
        var path = await WriteTextAsync(WithRater + "\n" + Line.Replace("p_1", "p_2", StringComparison.Ordinal) + "\n"
            + Line.Replace("p_1", "p_3", StringComparison.Ordinal).Replace("{", $$"""{"rater":"{{Bob}}",""", StringComparison.Ordinal) + "\n");

        var rows = await ReadAllAsync(path);

        Assert.That(rows.Select(r => (r.PairId, r.Rater)), Is.EqualTo(new[] { ("p_1", (string?)Alice), ("p_2", null), ("p_3", Bob) }));
    }

    [Test]
    public async Task ReadRowsAsync_JsonlUnknownFieldMessage_ListsRaterAsOptional()
    {
        var path = await WriteTextAsync(Line.Replace("}", ""","reviewer":"x"}""", StringComparison.Ordinal) + "\n");

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.That(e!.Field, Is.EqualTo("reviewer"));
        Assert.That(e.Message, Does.Contain("optionally rater"));
    }

    [Test]
    public async Task ReadRowsAsync_JsonlMissingFieldWithRater_NamesTheMissingFieldNotTheRater()
    {
        var path = await WriteTextAsync(WithRater.Replace("\"tags\":[\"x\"],", "", StringComparison.Ordinal) + "\n");

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.That(e!.Field, Is.EqualTo("tags"));
        Assert.That(e.Message, Does.Contain("missing: tags)"));
    }

    [Test]
    public async Task ReadRowsAsync_CompactVersion2WithAndWithoutRaters_GivesThemBack()
    {
        var path = await WriteAsync(await Version2FileAsync(bootstrapRater: null, choiceRater: Alice, manualRater: null));

        var rows = await ReadAllAsync(path, Width);

        Assert.That(rows.Select(r => (r.PairId, r.Source, r.Rater)),
            Is.EqualTo(new[] { ("p_1", PairSources.Bootstrap, (string?)null), ("p_2", PairSources.UserChoice, Alice), ("p_3", PairSources.Manual, null) }));
        Assert.That(rows[1].AFeatures, Is.EqualTo(new[] { -1f, 0f, 1e-30f }));
    }

    [Test]
    public async Task AddPair_TwoPairsOfOneRater_StoresThePseudonymOnceAndReadsBack()
    {
        var one = await Version2FileAsync(bootstrapRater: null, choiceRater: Alice, manualRater: null);
        var two = await Version2FileAsync(bootstrapRater: null, choiceRater: Alice, manualRater: Alice);

        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(one.AsSpan(8)), Is.EqualTo(2u), "format version 2");
        Assert.That(two.Length, Is.EqualTo(one.Length), "the second reference to the pseudonym adds no string");
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(two.AsSpan(PairsAt + 80 + 36)), Is.EqualTo(BinaryPrimitives.ReadUInt32LittleEndian(two.AsSpan(PairsAt + 40 + 36))));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(one.AsSpan(PairsAt + 36)), Is.EqualTo(uint.MaxValue), "no rater: 0xFFFFFFFF");
        var path = await WriteAsync(two);
        Assert.That((await ReadAllAsync(path)).Select(r => r.Rater), Is.EqualTo(new[] { null, Alice, Alice }));
    }

    [Test]
    public async Task AddPair_Version2_Writes40BytePairRecords()
    {
        var bytes = await Version2FileAsync(bootstrapRater: null, choiceRater: null, manualRater: null);
        var footer = bytes.AsSpan(bytes.Length - 40);
        var (items, pairs, tags, strings) = (BinaryPrimitives.ReadUInt32LittleEndian(footer), BinaryPrimitives.ReadUInt32LittleEndian(footer[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(footer[8..]), BinaryPrimitives.ReadUInt32LittleEndian(footer[12..]));
        var stringBytes = BinaryPrimitives.ReadUInt64LittleEndian(footer[16..]);

        Assert.That(bytes.Length, Is.EqualTo(16 + (items * Width * 4) + (items * 12) + (pairs * 40) + (tags * 4) + (strings * 4) + (long)stringBytes + 40));
    }

    [Test]
    public async Task ReadRowsAsync_CompactVersion1FileWrittenByHand_ReadsEveryFieldWithoutRaters()
    {
        var created = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(-5));
        var path = await WriteAsync(Version1File.Build(created));

        var rows = await ReadAllAsync(path, Width);

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That((rows[0].PairId, rows[0].AId, rows[0].BId, rows[0].Label, rows[0].Source), Is.EqualTo(("p_old1", "i_x", "i_y", 1, "bootstrap")));
            Assert.That((rows[1].PairId, rows[1].AId, rows[1].BId, rows[1].Label, rows[1].Source), Is.EqualTo(("p_old2", "i_z", "i_y", -1, "user_choice")));
            Assert.That((rows[0].Platform, rows[0].Section), Is.EqualTo(("linkedin", "headline")));
            Assert.That(rows[0].Tags, Is.EqualTo(new[] { "vague", "buzzwords" }));
            Assert.That(rows[1].Tags, Is.Empty);
            Assert.That(rows[1].CreatedAt, Is.EqualTo(created));
            Assert.That(rows[1].CreatedAt.Offset, Is.EqualTo(TimeSpan.FromHours(-5)));
            Assert.That(rows[0].AFeatures, Is.EqualTo(new[] { 1f, 2f, 3f }));
            Assert.That(rows[1].AFeatures, Is.EqualTo(new[] { 7f, 8f, 9f }));
            Assert.That(rows[1].BFeatures, Is.EqualTo(new[] { 4f, 5f, 6f }));
            Assert.That(rows.Select(r => r.Rater), Is.All.Null);
        });
    }

    [Test]
    public async Task ReadAsync_CompactVersion1File_HashesTheFileAndHandsUnattributedPairsToTheSink()
    {
        var bytes = Version1File.Build(DateTimeOffset.UnixEpoch);
        var path = await WriteAsync(bytes);
        var sink = new RecordingSink();

        var (hash, pairs) = await CompactDatasetReader.ReadAsync(path, Width, sink, CancellationToken.None);

        Assert.That(hash, Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.That(pairs, Is.EqualTo(2));
        Assert.That(sink.Pairs, Is.EqualTo(new[] { ("p_old1", (string?)null), ("p_old2", null) }));
    }

    [Test]
    public async Task ReadAsync_CompactVersion2_HandsTheRaterToTheSink()
    {
        var path = await WriteAsync(await Version2FileAsync(bootstrapRater: null, choiceRater: Bob, manualRater: Alice));
        var sink = new RecordingSink();

        await CompactDatasetReader.ReadAsync(path, Width, sink, CancellationToken.None);

        Assert.That(sink.Pairs, Is.EqualTo(new[] { ("p_1", (string?)null), ("p_2", Bob), ("p_3", Alice) }));
    }

    [Test]
    public async Task ReadRowsAsync_Version2FileLabelledVersion1_IsRefusedAsCorrupt()
    {
        var bytes = await Version2FileAsync(bootstrapRater: null, choiceRater: Alice, manualRater: null);
        bytes[8] = 1;
        var path = await WriteAsync(bytes);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.That(e!.Message, Does.Contain("truncated or corrupt"));
    }

    [Test]
    public async Task ReadRowsAsync_Version1FileLabelledVersion2_IsRefusedAsCorrupt()
    {
        var bytes = Version1File.Build(DateTimeOffset.UnixEpoch);
        bytes[8] = 2;
        var path = await WriteAsync(bytes);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.That(e!.Message, Does.Contain("truncated or corrupt"));
    }

    [TestCase(0u)]
    [TestCase(3u)]
    [TestCase(256u)]
    public async Task ReadRowsAsync_UnknownVersion_IsRefusedNamingTheVersions(uint version)
    {
        var bytes = await Version2FileAsync(bootstrapRater: null, choiceRater: null, manualRater: null);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), version);
        var path = await WriteAsync(bytes);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.That(e!.Field, Is.EqualTo("version"));
        Assert.That(e.Message, Does.Contain($"version {version}").And.Contain("versions 1 to 2"));
    }

    private static IEnumerable<TestCaseData> DamagedRaters()
    {
        static TestCaseData Case(string name, Action<byte[]> damage, string field, string problem) =>
            new TestCaseData(damage, field, problem).SetName($"ReadRowsAsync_Compact{name}_ThrowsNamingTheRater");

        // Pair 1 (user_choice) has rater Alice; pair 0 (bootstrap) and pair 2 (manual) have none.
        static uint RaterOf(byte[] b, int pair) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(PairsAt + (pair * 40) + 36));
        static void SetRater(byte[] b, int pair, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(PairsAt + (pair * 40) + 36), value);

        yield return Case("RaterIndexOutOfRange", b => SetRater(b, 1, 9999), "pairs[1].rater", "out of range");
        yield return Case("RaterIndexJustPastTheEnd", b => SetRater(b, 2, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(b.Length - 40 + 12))), "pairs[2].rater", "out of range");
        yield return Case("RaterNamesThePairId", b => SetRater(b, 1, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(PairsAt + 40))), "pairs[1].rater", "not a rater pseudonym");
        yield return Case("RaterNamesASource", b => SetRater(b, 2, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(PairsAt + 12))), "pairs[2].rater", "not a rater pseudonym");
        yield return Case("RaterOnBootstrapPair", b => SetRater(b, 0, RaterOf(b, 1)), "pairs[0].rater", "bootstrap");
    }

    [TestCaseSource(nameof(DamagedRaters))]
    public async Task ReadRowsAsync_CompactDamagedRater_Throws(Action<byte[]> damage, string field, string problem)
    {
        var bytes = await Version2FileAsync(bootstrapRater: null, choiceRater: Alice, manualRater: null);
        damage(bytes);
        var path = await WriteAsync(bytes);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path, Width));

        Assert.That(e!.FilePath, Is.EqualTo(path));
        Assert.That(e.Field, Is.EqualTo(field));
        Assert.That(e.Message, Does.StartWith(path).And.Contain(problem));
    }

    [Test]
    public async Task ReadRowsAsync_CompactRaterThatIsAPersonsId_IsRefusedWithoutRepeatingIt()
    {
        using var stream = new MemoryStream();
        using (var writer = new CompactDatasetWriter(stream, Width))
        {
            await writer.AddItemAsync("i_a", "github", "bio", new float[] { 1, 2, 3 }, CancellationToken.None);
            await writer.AddItemAsync("i_b", "github", "bio", new float[] { 4, 5, 6 }, CancellationToken.None);
            writer.AddPair("p_1", 0, 1, 1, PairSources.Manual, [], DateTimeOffset.UnixEpoch, "alice@example.com");
            await writer.CompleteAsync(CancellationToken.None);
        }

        var path = await WriteAsync(stream.ToArray());

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.That(e!.Field, Is.EqualTo("pairs[0].rater"));
        Assert.That(e.Message, Does.Not.Contain("alice@example.com"));
    }

    private static async Task<byte[]> Version2FileAsync(string? bootstrapRater, string? choiceRater, string? manualRater)
    {
        using var stream = new MemoryStream();
        using (var writer = new CompactDatasetWriter(stream, Width))
        {
            var a = await writer.AddItemAsync("i_a", "github", "bio", new float[] { 0.1f, 0.2f, 0.3f }, CancellationToken.None);
            var b = await writer.AddItemAsync("i_b", "github", "bio", new float[] { 0.4f, 0.5f, 0.6f }, CancellationToken.None);
            var c = await writer.AddItemAsync("i_c", "github", "bio", new float[] { -1f, 0f, 1e-30f }, CancellationToken.None);
            writer.AddPair("p_1", a, b, 1, PairSources.Bootstrap, ["vague"], new DateTimeOffset(2026, 11, 25, 9, 15, 0, TimeSpan.FromHours(2)), bootstrapRater);
            writer.AddPair("p_2", c, b, -1, PairSources.UserChoice, [], new DateTimeOffset(2026, 11, 26, 9, 15, 0, TimeSpan.Zero), choiceRater);
            writer.AddPair("p_3", a, c, 1, PairSources.Manual, ["clarity"], new DateTimeOffset(2026, 11, 27, 9, 15, 0, TimeSpan.Zero), manualRater);
            await writer.CompleteAsync(CancellationToken.None);
        }

        return stream.ToArray();
    }

    private async Task<string> WriteAsync(byte[] bytes)
    {
        var path = _directory.File("dataset.bin");
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private async Task<string> WriteTextAsync(string content)
    {
        var path = _directory.File("dataset.jsonl");
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private static async Task<List<PairDatasetRow>> ReadAllAsync(string path, int? width = null)
    {
        var rows = new List<PairDatasetRow>();
        await foreach (var row in PairDatasetReader.ReadRowsAsync(path, width))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// A compact file of format version 1 (before raters), laid out byte by byte from docs/dataset-format.md rather than by
    /// the library's writer: 16-byte prefix, features, 12-byte items, 36-byte pairs, tags, string ends, string bytes, 40-byte footer.
    /// </summary>
    private static class Version1File
    {
        public static byte[] Build(DateTimeOffset secondPairCreated)
        {
            var strings = new List<string>();
            uint S(string value)
            {
                var index = strings.IndexOf(value);
                if (index < 0)
                {
                    strings.Add(value);
                    index = strings.Count - 1;
                }

                return (uint)index;
            }

            float[][] features = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
            (uint Id, uint Platform, uint Section)[] items =
                [(S("i_x"), S("linkedin"), S("headline")), (S("i_y"), S("linkedin"), S("headline")), (S("i_z"), S("linkedin"), S("headline"))];
            uint[] tags = [S("vague"), S("buzzwords")];
            (uint Id, uint A, uint B, uint Source, uint FirstTag, uint TagCount, DateTimeOffset Created, sbyte Label)[] pairs =
            [
                (S("p_old1"), 0, 1, S("bootstrap"), 0, 2, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 1),
                (S("p_old2"), 2, 1, S("user_choice"), 2, 0, secondPairCreated, -1),
            ];

            using var file = new MemoryStream();
            using var w = new BinaryWriter(file);
            w.Write("ANCSOPDS"u8);
            w.Write(1u);
            w.Write((uint)Width);
            foreach (var row in features)
            {
                foreach (var value in row)
                {
                    w.Write(value);
                }
            }

            foreach (var (id, platform, section) in items)
            {
                w.Write(id);
                w.Write(platform);
                w.Write(section);
            }

            foreach (var p in pairs)
            {
                var start = file.Position;
                w.Write(p.Id);
                w.Write(p.A);
                w.Write(p.B);
                w.Write(p.Source);
                w.Write(p.FirstTag);
                w.Write(p.TagCount);
                w.Write(p.Created.UtcTicks);
                w.Write((short)p.Created.Offset.TotalMinutes);
                w.Write(p.Label);
                w.Write((byte)0);
                Assert.That(file.Position - start, Is.EqualTo(36));
            }

            foreach (var tag in tags)
            {
                w.Write(tag);
            }

            var bytes = strings.Select(Encoding.UTF8.GetBytes).ToArray();
            var end = 0u;
            foreach (var s in bytes)
            {
                end += (uint)s.Length;
                w.Write(end);
            }

            foreach (var s in bytes)
            {
                w.Write(s);
            }

            w.Write((uint)items.Length);
            w.Write((uint)pairs.Length);
            w.Write((uint)tags.Length);
            w.Write((uint)strings.Count);
            w.Write((ulong)end);
            w.Write(0UL);
            w.Write("ANCSOPDS"u8);
            w.Flush();
            return file.ToArray();
        }
    }

    private sealed class RecordingSink : IPairDatasetSink
    {
        private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);

        public List<(string PairId, string? Rater)> Pairs { get; } = [];

        public void Reserve(int items, int pairs)
        {
        }

        public int AddItem(in DatasetPosition at, string field, string id, ReadOnlySpan<float> features)
        {
            if (!_items.TryGetValue(id, out var index))
            {
                index = _items.Count;
                _items.Add(id, index);
            }

            return index;
        }

        public void AddPair(in DatasetPosition at, string pairId, int a, int b, int label, string source, string? rater, IReadOnlyList<string> tags) => Pairs.Add((pairId, rater));
    }
}
